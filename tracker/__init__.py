"""Ratification Gap Tracker: the library behind the dashboard (never imports streamlit)."""
