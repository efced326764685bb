"""Ratification Gap Tracker: the library behind the dashboard (never imports streamlit)."""

__version__ = "0.1.0"
