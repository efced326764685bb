"""The Streamlit edge (the only package besides ``pages/`` that imports streamlit).

``cached`` wraps tracker queries in Streamlit caches, ``widgets`` holds the shared sidebar,
pickers and footer, ``presenter`` the projector mode, ``staff`` login and editing helpers.
Pages ``import ui`` and use the names re-exported here (staff pages also ``ui.staff``).
The library ``tracker`` never imports this package.
"""

from ui.cached import (
    _export,
    as_of_date,
    clear_caches,
    data_version,
    db,
    export_download,
    footer_text,
    instrument_labels,
    language,
    load_cells,
    localise,
    map_figure,
    map_html,
    map_options,
)
from ui.presenter import presenter_mode, step_by, step_index
from ui.widgets import (
    SOURCE_COLUMNS,
    clicked_iso3,
    core_codes,
    country_from_query,
    footer,
    instrument_set_picker,
    number,
    open_country,
    sidebar,
)

__all__ = [
    "SOURCE_COLUMNS",
    "_export",
    "as_of_date",
    "clear_caches",
    "clicked_iso3",
    "core_codes",
    "country_from_query",
    "data_version",
    "db",
    "export_download",
    "footer",
    "footer_text",
    "instrument_labels",
    "instrument_set_picker",
    "language",
    "load_cells",
    "localise",
    "map_figure",
    "map_html",
    "map_options",
    "number",
    "open_country",
    "presenter_mode",
    "sidebar",
    "step_by",
    "step_index",
]
