"""The dashboard server: Streamlit's app (``app.py``) plus the staff-session cookie routes.

``streamlit run serve.py`` (what ``make run`` does) serves the dashboard; the extra routes
(``tracker/staff/cookie_routes.py``) let a staff login live in an HttpOnly cookie.
``streamlit run app.py`` still works, but a staff login then lasts until the page reloads.
"""

import os

import streamlit as st

from tracker.staff import cookie_routes as routes

os.environ[routes.ENV_FLAG] = "1"
app = st.App("app.py", routes=routes.cookie_routes())
