"""The Streamlit edge (the only package besides ``app_pages/`` that imports streamlit).

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
    instrument_names,
    language,
    load_cells,
    localise,
    map_html,
    map_options,
)
from ui.links import bind, keep, linked, read_address, write_shared
from ui.presenter import presenter_mode, step_by, step_index
from ui.widgets import (
    SOURCE_COLUMNS,
    base_style,
    core_codes,
    footer,
    group_picker,
    inline_map,
    instrument_set_picker,
    let_the_map_draw,
    map_text_alternative,
    number,
    open_country,
    shared_view,
    sidebar,
    state_picker,
)

__all__ = [
    "SOURCE_COLUMNS",
    "_export",
    "as_of_date",
    "base_style",
    "bind",
    "clear_caches",
    "core_codes",
    "data_version",
    "db",
    "export_download",
    "footer",
    "footer_text",
    "group_picker",
    "inline_map",
    "let_the_map_draw",
    "instrument_names",
    "instrument_set_picker",
    "keep",
    "language",
    "linked",
    "load_cells",
    "localise",
    "map_html",
    "map_options",
    "map_text_alternative",
    "number",
    "open_country",
    "presenter_mode",
    "read_address",
    "shared_view",
    "sidebar",
    "state_picker",
    "step_by",
    "step_index",
    "write_shared",
]
