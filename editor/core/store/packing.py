"""How the SQLite archive keeps a bulletin: its JSON, deflated, starting from its search text.

The archive holds each bulletin's text twice: in the bulletin (parse and edits, as JSON) and
as the lower-cased copy the search confirms long queries against (``search_texts``, see
:mod:`editor.core.store.sqlite_search`). Deflate can start from a preset dictionary, so a
bulletin is packed with its own search text as the dictionary: every title and paragraph it
shares with the copy costs a few bytes a run instead of its own bytes, and the kept bulletin
shrinks to about a third (issue 19: the archive was 2.5 times its text, this takes it below 2).

The price is a rule: a packed bulletin reads back only with the dictionary it was packed
with, so **whenever a bulletin's search text changes, its kept versions are packed again in
the same transaction** (:func:`repack`). zlib marks a stream packed with a dictionary
(the FDICT bit) and records the dictionary's Adler-32, so reading with a wrong dictionary
fails loudly (``zlib.error``) instead of misreading; bulletins kept before this (plain
deflate, or JSON text) carry no mark and read as before.
"""

from __future__ import annotations

import zlib

from editor.core.model import Bulletin

TITLES_END = "\x1f"
"""Separates the titles from the body in a bulletin's ``search_text``."""

LEVEL = 6
_FDICT = 0x20  # in a zlib stream's second byte: a preset dictionary was used


def search_parts(search_text: str) -> tuple[str, str]:
    """The lower-cased titles and body of a bulletin's search text, as ``search_texts`` holds
    them."""
    title, _, body = search_text.lower().partition(TITLES_END)
    return title, body


def dictionary(title: str, body: str) -> bytes:
    """The preset dictionary of a bulletin whose ``search_texts`` row holds these parts."""
    return (title + "\n" + body).encode("utf-8", "surrogatepass")


def text_dictionary(search_text: str) -> bytes:
    """The preset dictionary of a bulletin with this search text (:func:`dictionary`)."""
    return dictionary(*search_parts(search_text))


def pack_bulletin(bulletin: Bulletin, preset: bytes = b"") -> bytes:
    """A bulletin as the SQLite archive keeps it: its JSON deflated, from ``preset`` when given
    (the bulletin's :func:`dictionary`; reading it back costs some 30 µs)."""
    return pack_json(bulletin.to_json(), preset)


def pack_json(text: str, preset: bytes = b"") -> bytes:
    """A bulletin's JSON text packed as :func:`pack_bulletin` packs the bulletin."""
    return _deflate(text.encode("utf-8"), preset)


def _deflate(data: bytes, preset: bytes) -> bytes:
    if not preset:
        return zlib.compress(data, LEVEL)
    packer = zlib.compressobj(LEVEL, zdict=preset)
    return packer.compress(data) + packer.flush()


def needs_dictionary(kept: str | bytes | None) -> bool:
    """Whether a kept bulletin was packed with a preset dictionary."""
    return isinstance(kept, bytes) and len(kept) > 1 and bool(kept[1] & _FDICT)


def _inflate(kept: bytes, preset: bytes) -> bytes:
    if not needs_dictionary(kept):
        return zlib.decompress(kept)
    unpacker = zlib.decompressobj(zdict=preset)
    data = unpacker.decompress(kept) + unpacker.flush()
    if not unpacker.eof:
        raise zlib.error("truncated")
    return data


def unpack_bulletin(kept: str | bytes, preset: bytes = b"") -> Bulletin:
    """A kept bulletin: deflated JSON (from ``preset`` if it was packed so), or JSON text
    (archives from before it was deflated). zlib.error when the dictionary is not the one
    it was packed with."""
    if isinstance(kept, bytes):
        return Bulletin.from_json(_inflate(kept, preset).decode("utf-8"))
    return Bulletin.from_json(kept)


def repack(kept: str | bytes | None, old: bytes, new: bytes) -> str | bytes | None:
    """A kept bulletin packed from ``new`` instead of ``old``: what it must become when its
    search text changes. One kept without a dictionary stays as it is; so does one whose
    dictionary does not change."""
    if not needs_dictionary(kept) or old == new:
        return kept
    assert isinstance(kept, bytes)
    return _deflate(_inflate(kept, old), new)
