"""GDELT-style tone: word counts against the VADER lexicon, negation, the stage, the stored columns."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from conftest import FakeCameo, make_document
from newsevents.document import Article, Document
from newsevents.pipeline import DEFAULT_STAGES, Resources, get_stage
from newsevents.rows import COLUMNS, document_rows
from newsevents.store import Store, coerce_row, column_type
from newsevents.tone import score_doc, sentence_tone_at, text_tone
from newsevents.tone.lexicon import NEGATORS, load_valences


@lru_cache(maxsize=1)
def _vocab() -> Vocab:
    """English lexical attributes (lower case, punctuation) without any trained model."""
    return spacy.blank("en").vocab


def make_doc(
    words: Sequence[str], *, pos: Sequence[str] | None = None, sent_starts: Sequence[bool] | None = None
) -> Doc:
    """A hand-built parse (no model): words, optional POS tags and sentence starts."""
    starts = [bool(s) for s in sent_starts] if sent_starts is not None else None
    return Doc(_vocab(), words=list(words), pos=list(pos) if pos else None, sent_starts=starts)


def test_lexicon_is_read_from_the_installed_package() -> None:
    valences = load_valences()
    assert len(valences) > 7000
    assert valences["peace"] > 0 > valences["war"]
    assert not NEGATORS & set(valences)  # negators flip, they are not scored


def test_positive_text() -> None:
    tone = text_tone("The agreement brought peace and hope to the region.")
    assert tone.words == 9  # the full stop is no word
    assert tone.positive == pytest.approx(100 * 3 / 9)  # agreement, peace, hope
    assert tone.negative == 0.0
    assert tone.tone == pytest.approx(tone.positive)
    assert tone.polarity == pytest.approx(tone.positive)


def test_negative_text() -> None:
    tone = text_tone("Gunmen killed three villagers in a brutal attack.")
    assert tone.positive == 0.0
    assert tone.negative == pytest.approx(100 * 3 / 8)  # killed, brutal, attack
    assert tone.tone < 0 < tone.polarity


def test_negation_flips_polarity_within_three_tokens() -> None:
    assert text_tone("The talks were a failure.").tone < 0
    flipped = text_tone("The talks were not a failure.")
    assert (flipped.positive, flipped.negative) == (pytest.approx(100 / 6), 0.0)
    assert text_tone("The minister didn't support the plan.").tone < 0  # "n't" is a negator
    assert text_tone("There was no violence.").tone > 0
    # four tokens away: out of the window
    assert text_tone("It was not , frankly , a failure").tone < 0


def test_negation_does_not_cross_a_sentence_boundary() -> None:
    words = ["They", "said", "no", ".", "War", "followed", "."]
    doc = make_doc(words, sent_starts=[True, False, False, False, True, False, False])
    assert score_doc(doc).overall.negative > 0
    assert score_doc(make_doc(words)).overall.negative == 0  # one sentence: "no" flips "War"


def test_empty_text_has_zero_tone() -> None:
    for text in ("", "   ", "..."):
        tone = text_tone(text)
        assert (tone.tone, tone.polarity) == (0.0, 0.0)
    assert score_doc(make_doc([])).sentence_starts == ()


def test_proper_nouns_and_prepositions_are_not_scored() -> None:
    words = ["Hope", "looks", "like", "a", "town"]
    assert score_doc(make_doc(words)).overall.positive > 0
    tagged = make_doc(words, pos=["PROPN", "VERB", "ADP", "DET", "NOUN"])
    assert score_doc(tagged).overall.positive == 0


def test_sentence_tones_and_lookup_by_offset() -> None:
    words = ["Troops", "attacked", "the", "town", ".", "Leaders", "praised", "the", "truce", "."]
    doc = make_doc(words, sent_starts=[True, *[False] * 4, True, *[False] * 4])
    tone = score_doc(doc)
    assert tone.sentence_starts == (0, doc[5].idx)
    first, second = tone.sentence_tones
    assert first == pytest.approx(-25.0) and second == pytest.approx(25.0)
    assert sentence_tone_at(tone, 3) == first
    assert sentence_tone_at(tone, doc[6].idx) == second
    assert sentence_tone_at(tone, None) is None and sentence_tone_at(None, 3) is None


def test_tone_stage_runs_last_by_default() -> None:
    assert DEFAULT_STAGES[-2:] == ("quotes", "tone")
    assert get_stage("tone").requires == ("spacy_doc",)


def test_stage_fills_article_and_event_tone(cameo: Callable[[str], FakeCameo]) -> None:
    base = make_document()
    text = "Officials praised the peaceful talks\nRebels attacked a police station\n"
    doc = Document(article=Article("t1", text, "h", source="Wire"))
    ev = dataclasses.replace(
        base.events[0], evidence_start=0, evidence_end=36, trigger_start=10, trigger_end=17, sentence_index=0
    )
    ev2 = dataclasses.replace(ev, evidence_start=37, evidence_end=69, trigger_start=44, trigger_end=52)
    doc.events = [ev, ev2]
    doc.spacy_doc = Doc(
        _vocab(),
        words=["Officials", "praised", "the", "peaceful", "talks", "\n", "Rebels", "attacked", "a",
               "police", "station", "\n"],
        spaces=[True, True, True, True, False, False, True, True, True, True, False, False],
        sent_starts=[True, False, False, False, False, False, True, False, False, False, False, False],
    )  # fmt: skip
    assert doc.spacy_doc.text == text
    assert doc.tone is None
    doc = get_stage("tone").func(doc, Resources())
    tone = doc.tone
    assert tone is not None
    rows = document_rows(doc, cameo=cameo)
    (art,) = rows["articles"]
    assert art["positive"] == pytest.approx(20.0)  # praised, peaceful of 10 words
    assert art["negative"] == pytest.approx(20.0)  # rebels, attacked
    assert art["tone"] == pytest.approx(0.0) and art["polarity"] == pytest.approx(40.0)
    first, second = (r["tone"] for r in rows["events"])
    assert first == pytest.approx(40.0) and second == pytest.approx(-40.0)


def test_rows_without_the_stage_have_null_tone(cameo: Callable[[str], FakeCameo]) -> None:
    rows = document_rows(make_document(), cameo=cameo)
    assert rows["articles"][0]["tone"] is None and rows["events"][0]["tone"] is None


def test_tone_columns_are_extra_doubles_at_the_end() -> None:
    assert COLUMNS["articles"][-4:] == ("tone", "positive", "negative", "polarity")
    assert COLUMNS["articles"][:8] == (
        "article_id",
        "url",
        "title",
        "published",
        "source",
        "text",
        "content_hash",
        "duplicate_of",
    )
    assert COLUMNS["events"][-1] == "tone" and COLUMNS["events"][30] == "cluster_id"
    assert {column_type("articles", c) for c in COLUMNS["articles"][-4:]} == {"DOUBLE"}
    assert column_type("events", "tone") == "DOUBLE"


_NEW = {"articles": ("tone", "positive", "negative", "polarity"), "events": ("tone",)}


def _old_database(path: Path) -> None:
    """A database as the previous version made it: no tone columns; one article in it."""
    con = duckdb.connect(str(path))
    for table, cols in COLUMNS.items():
        old = [c for c in cols if c not in _NEW.get(table, ())]
        key = {"article_id": " PRIMARY KEY"} if table == "articles" else {}
        defs = ", ".join(f'"{c}" {column_type(table, c)}{key.get(c, "")}' for c in old)
        con.execute(f"CREATE TABLE {table} ({defs})")
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO articles (article_id, text, content_hash) VALUES ('old', 'x', 'h')")
    con.close()


def _columns(path: Path, table: str) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    con.close()
    return names


def test_old_database_gains_the_tone_columns(tmp_path: Path, cameo: Callable[[str], FakeCameo]) -> None:
    db = tmp_path / "old.duckdb"
    _old_database(db)
    assert "tone" not in _columns(db, "articles")
    # read-only (no migration possible): the missing columns read as null
    with Store(db, read_only=True) as store:
        (old,) = store.rows("articles")
        assert old["article_id"] == "old" and old["tone"] is None
        assert store.rows("events") == []
    with Store(db) as store:
        doc = make_document(article_id="new")
        rows = document_rows(doc, cameo=cameo)
        rows["articles"][0].update(tone=-1.5, positive=1.0, negative=2.5, polarity=3.5)
        rows["events"][0]["tone"] = 2.0
        store.write([{t: [coerce_row(t, r) for r in rs] for t, rs in rows.items()}])
        arts = {r["article_id"]: r for r in store.rows("articles")}
        assert arts["old"]["tone"] is None
        assert (arts["new"]["tone"], arts["new"]["polarity"]) == (-1.5, 3.5)
        assert store.rows("events")[0]["tone"] == 2.0
    assert _columns(db, "articles") == list(COLUMNS["articles"])
    assert _columns(db, "events") == list(COLUMNS["events"])
    with Store(db) as store:  # reopening is a no-op
        assert store.count("articles") == 2


def test_api_reads_an_old_database_with_null_tone(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    db = tmp_path / "old.duckdb"
    _old_database(db)
    with Store(db, read_only=True) as store:
        shims = store.legacy_views()
    assert len(shims) == len(_NEW)  # articles and events lack columns; the others are complete
    with TestClient(create_app(db)) as client:
        health = client.get("/api/health")
        assert health.status_code == 200
        article = client.get("/api/articles/old")
        assert article.status_code == 200 and article.json()["article_id"] == "old"
        assert client.get("/api/events").json()["total"] == 0
    assert "tone" not in _columns(db, "articles")  # the file itself is untouched


@pytest.mark.model
def test_pipeline_codes_tone(cameo: Callable[[str], FakeCameo]) -> None:
    from conftest import model_resources
    from newsevents.pipeline import process

    text = (
        "The two governments signed a peace agreement in Geneva on Monday.\n"
        "Rebels killed four soldiers in a deadly ambush near the border on Tuesday.\n"
    )
    (doc,) = process([Document(Article("m1", text, "h"))], model_resources())
    tone = doc.tone
    assert tone is not None and tone.overall.positive > 0 and tone.overall.negative > 0
    assert len(tone.sentence_tones) == 2
    assert tone.sentence_tones[0] > 0 > tone.sentence_tones[1]
    rows = document_rows(doc, cameo=cameo)
    assert rows["articles"][0]["tone"] is not None
    assert all(r["tone"] is not None for r in rows["events"])


def test_copied_duplicate_takes_the_original_tone(tmp_path: Path, cameo: Callable[[str], FakeCameo]) -> None:
    rows = document_rows(make_document(article_id="orig"), cameo=cameo)
    rows["articles"][0].update(tone=1.25, positive=2.0, negative=0.75, polarity=2.75)
    dup = dict(rows["articles"][0], article_id="dup", duplicate_of="orig", tone=None, positive=None)
    with Store(tmp_path / "d.duckdb") as store:
        store.write([{t: [coerce_row(t, r) for r in rs] for t, rs in rows.items()}])
        store.write([{"articles": [coerce_row("articles", dup)]}], copies=[("dup", "orig")])
        arts = {r["article_id"]: r for r in store.rows("articles")}
        assert (arts["dup"]["tone"], arts["dup"]["positive"], arts["dup"]["polarity"]) == (1.25, 2.0, 2.75)
        assert [r["tone"] for r in store.rows("events")] == [None, None]
