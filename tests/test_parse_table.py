"""The parse table's columns equal the spaCy Token attributes they stand for (loads the model)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language

from newsevents.actors.parse_table import ParseTable, parse_table

pytestmark = pytest.mark.model


def _texts() -> list[str]:
    samples = resources.files("newsevents").joinpath("samples", "sample_articles.jsonl").read_text("utf-8")
    own = [
        "",
        "Rain.",
        "The minister, who arrived late, said: \u201cWe will not sign it.\u201d Then she left for Oslo.",
    ]
    return [*own, *(json.loads(line)["text"] for line in samples.splitlines() if line.strip())]


def test_columns_equal_the_token_attributes(nlp: Language) -> None:
    checked = 0
    for sdoc in nlp.pipe(_texts()):
        table = ParseTable(sdoc)
        for tok in sdoc:
            i = tok.i
            expected = (
                tok.idx, tok.idx + len(tok.text), tok.head.i, tok.dep_, tok.pos_, tok.tag_, tok.ent_type_,
                tok.lemma_.lower(), tok.sent.start,
            )  # fmt: skip
            got = (
                table.starts[i], table.ends[i], table.heads[i], table.deps[i], table.pos[i], table.tags[i],
                table.ent_types[i], table.lemmas[i], table.sent_starts[i],
            )  # fmt: skip
            assert got == expected, tok.text
            checked += 1
    assert checked > 200  # tokens compared


def test_one_table_per_parse_is_shared(nlp: Language) -> None:
    sdoc = nlp("Two stages read the same parse.")
    assert parse_table(sdoc) is parse_table(sdoc)
