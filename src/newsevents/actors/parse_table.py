"""Per-token attributes of a spaCy parse as plain Python lists, shared by the actors and events stages.

Reading ``doc[i].dep_`` creates a Python ``Token`` per access; scanning a whole article that way costs
more than the rules themselves. The table reads each attribute column once from spaCy's C arrays
(``Doc.to_array``), on first use, and is cached on the parse (``Doc.user_data``), so both stages share it.
The values are exactly those of the ``Token`` attributes named in each column's docstring.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..nlp import token_starts

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "newsevents.parse_table"


class ParseTable:
    """Columns of token attributes of one parse, indexed by token position."""

    def __init__(self, sdoc: Doc) -> None:
        self._sdoc = sdoc

    def _array(self, attr: str) -> np.ndarray[Any, np.dtype[np.uint64]]:
        from spacy import attrs

        if not len(self._sdoc):
            return np.zeros(0, dtype=np.uint64)
        column = self._sdoc.to_array([getattr(attrs, attr)])  # typed as float by spaCy's stubs
        return cast("np.ndarray[Any, np.dtype[np.uint64]]", column).reshape(-1)

    def _names(self, attr: str, lower: bool = False) -> list[str]:
        ids: list[int] = self._array(attr).tolist()
        strings = self._sdoc.vocab.strings
        names = {h: strings[h].lower() if lower else strings[h] for h in set(ids)}
        return list(map(names.__getitem__, ids))

    @cached_property
    def starts(self) -> list[int]:
        """``tok.idx``."""
        return token_starts(self._sdoc)

    @cached_property
    def ends(self) -> list[int]:
        """``tok.idx + len(tok.text)``."""
        ends: list[int] = (self._array("IDX") + self._array("LENGTH")).tolist()
        return ends

    @cached_property
    def heads(self) -> list[int]:
        """``tok.head.i`` (a root is its own head)."""
        rel = self._array("HEAD").astype(np.int64)  # a signed offset stored as unsigned: the cast signs it
        heads: list[int] = (rel + np.arange(len(rel), dtype=np.int64)).tolist()
        return heads

    @cached_property
    def deps(self) -> list[str]:
        """``tok.dep_``."""
        return self._names("DEP")

    @cached_property
    def pos(self) -> list[str]:
        """``tok.pos_``."""
        return self._names("POS")

    @cached_property
    def tags(self) -> list[str]:
        """``tok.tag_``."""
        return self._names("TAG")

    @cached_property
    def ent_types(self) -> list[str]:
        """``tok.ent_type_`` ("" outside entities)."""
        return self._names("ENT_TYPE")

    @cached_property
    def lemmas(self) -> list[str]:
        """``tok.lemma_.lower()``."""
        return self._names("LEMMA", lower=True)

    @cached_property
    def sent_starts(self) -> list[int]:
        """``tok.sent.start``: the index of the first token of the token's sentence."""
        flags = self._array("SENT_START").astype(np.int64)
        index = np.arange(len(flags), dtype=np.int64)
        firsts: list[int] = np.maximum.accumulate(np.where(flags == 1, index, 0)).tolist()
        return firsts


def parse_table(sdoc: Doc) -> ParseTable:
    """The (cached) :class:`ParseTable` of ``sdoc``."""
    table = sdoc.user_data.get(_KEY)
    if table is None:
        table = ParseTable(sdoc)
        sdoc.user_data[_KEY] = table
    return cast(ParseTable, table)
