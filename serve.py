"""The dashboard server: Streamlit's app (``app.py``) plus the staff-session cookie routes.

``streamlit run serve.py`` (what ``make run`` does) serves the dashboard; the extra routes let
a staff login live in an HttpOnly cookie (``ui/routes.py``). ``streamlit run app.py`` still
works, but a staff login then lasts only until the page is reloaded.
"""

import os

import streamlit as st

from ui import routes

os.environ[routes.ENV_FLAG] = "1"
app = st.App("app.py", routes=routes.cookie_routes())
