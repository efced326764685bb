"""The Streamlit edge (the only package besides ``pages/`` that imports streamlit).

Pages ``import ui`` and use the names re-exported here; staff pages also import
``ui.staff``. The library ``tracker`` never imports this package.
"""

from ui.cached import *  # noqa: F403
from ui.cached import _export  # noqa: F401  (cached download builder, used by tests)
