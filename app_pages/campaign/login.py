"""Staff login: campaigners need none; staff log in here to edit, review history and upload."""

import streamlit as st

from ui import staff as ui_staff

st.title("Staff login")
if ui_staff.is_staff():
    st.success(
        f"Logged in as {ui_staff.md_escape(ui_staff.actor())}. The staff pages are in the "
        "navigation."
    )
    st.page_link("app_pages/staff/edit.py", label="Edit a cell", icon=":material/edit:")
    ui_staff.logout_button()
else:
    by_email = (
        " (NAME is the email, to log in with the provider)" if ui_staff.oidc_providers() else ""
    )
    st.caption(
        "For staff who keep the tracker current. Accounts are created on the server with "
        f"`python -m tracker user add NAME`{by_email}."
    )
    if not ui_staff.keeps_login():
        st.caption(
            "This server was started with `streamlit run app.py`: a login lasts until the page "
            "is reloaded. Start it with `make run` (`streamlit run serve.py`) to stay logged in "
            "for 12 hours."
        )
    ui_staff.provider_login()
    ui_staff.login_form()
