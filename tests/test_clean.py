from __future__ import annotations

import itertools
import random

import pytest

from conftest import make_article
from newsevents.clean import artifact_spans, clean, clean_text, detect_language
from newsevents.document import Document
from newsevents.pipeline import Resources, get_stage


def test_same_length_and_offsets_kept(article_text: str) -> None:
    cleaned = clean_text(article_text)
    assert len(cleaned) == len(article_text)
    for word in ("Norway", "Chilean ambassador", "Oslo", "Rebels attacked", "killing two officers"):
        i = article_text.index(word)
        assert cleaned[i : i + len(word)] == word


def test_scraper_markers_blanked(article_text: str) -> None:
    cleaned = clean_text(article_text)
    assert "[ad_1]" not in cleaned
    assert "[ad_2]" not in cleaned
    assert "Source link" not in cleaned
    assert "Share this article" not in cleaned
    # line breaks stay, so paragraphs and sentence boundaries do not move
    assert [i for i, c in enumerate(cleaned) if c == "\n"] == [
        i for i, c in enumerate(article_text) if c == "\n"
    ]


def test_curly_quotes_and_odd_spaces_normalised() -> None:
    text = "\u201cNo,\u201d he said\u00a0\u2018twice\u2019.\ufeff"
    assert clean_text(text) == "\"No,\" he said 'twice'. "


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Share on Facebook",
        "Facebook | Twitter | Email",
        "Follow us on Twitter for the latest news",
        "Click here to read the full report",
        "Sign up for our daily newsletter",
        "Read more: Ministers meet again in Brussels",
        "Related: Parliament votes on the budget",
        "We use cookies to give you the best experience on our website.",
        "By continuing to browse this site you agree to our use of cookies.",
        "Copyright 2021 Example Media. All rights reserved.",
        "Continue reading the main story",
        "Subscribe",
        "[ad_3]",
        "(adsbygoogle = window.adsbygoogle || []).push({});",
    ],
)
def test_boilerplate_lines_blanked(line: str) -> None:
    text = f"The minister resigned on Friday.\n{line}\nParliament will vote next week."
    cleaned = clean_text(text)
    assert cleaned == text.replace(line, " " * len(line))


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply in Tokyo on Monday.",
        "Related to this, the minister said talks would resume.",
        "See more than 300 pages of the report for details.",
        "Subscribers to the plan, officials said, include three provinces.",
        "The ad campaign cost the party two million dollars.",
    ],
)
def test_article_sentences_kept(line: str) -> None:
    text = f"Officials spoke on Friday.\n{line}\n"
    assert clean_text(text) == text


def test_artifact_spans_sorted_disjoint_and_without_newlines() -> None:
    text = "[ad_1]\nAdvertisement\nBody text here.\n[ad_2]Source link"
    spans = artifact_spans(text)
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert [text[s:e] for s, e in spans] == ["[ad_1]", "Advertisement", "[ad_2]Source link"]


def test_length_kept_for_random_text() -> None:
    rng = random.Random(7)
    alphabet = "ab [ad_1]\n\u201c\u201d\u00a0\tSource link\r\nShare this article\U0001f600é"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert len(clean_text(text)) == len(text)


def test_language() -> None:
    english = "The government said on Monday that it would not attend the talks in Geneva with the rebels."
    german = "Die Regierung hat am Montag erklärt, dass sie nicht an den Gesprächen in Genf teilnehmen wird."
    assert detect_language(english) == "en"
    assert detect_language(german) is None
    assert detect_language("Israel attacked Gaza.") == "en"  # too short to judge: Latin script
    assert detect_language("   ") is None


def test_clean_stage_is_registered_and_fills_fields(article_text: str) -> None:
    info = get_stage("clean")
    assert info.func is clean
    assert set(info.assigns) == {"clean_text", "language"}
    doc = clean(Document(article=make_article(article_text)), Resources())
    assert len(doc.clean_text) == len(doc.text)
    assert doc.language == "en"
    assert doc.text == article_text  # the article itself is never changed
