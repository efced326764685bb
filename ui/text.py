"""User-provided text in Streamlit's markdown (message boxes, toasts, captions): shown literally."""

from __future__ import annotations

import re

# Markdown's markup characters: links, images, emphasis, code, HTML and entities (&), headings,
# lists, tables, Streamlit's :colour[...] and :icon: directives and $math$.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~$:@&/]")
# GitHub-flavoured Markdown also turns bare "http://a.b", "www.a.b" and "a@b.c" into links, and
# Streamlit's renderer finds them in the text *after* backslash escapes are read, so escaping
# alone does not stop it: an invisible WORD JOINER before ".", ":", "@" and "/" does (the "/"
# also keeps ":material/name:" from being read as an icon).
_AUTOLINK_ANCHORS = frozenset(".:@/")
WORD_JOINER = "\u2060"


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    return (WORD_JOINER if char in _AUTOLINK_ANCHORS else "") + "\\" + char


def md_escape(text: object) -> str:
    """Text made safe to embed in markdown: shown literally, never as a link or markup."""
    return _MD_SPECIAL.sub(_escaped, str(text))


def shown(markdown: str) -> str:
    """What a reader sees of :func:`md_escape`'d text (escapes read, joiners dropped)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:@&/])", r"\1", markdown).replace(WORD_JOINER, "")
