"""Quotation-mark pairing on hand-written text (no model)."""

from __future__ import annotations

from newsevents.quotes.marks import artifact_free, quote_spans


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quote_spans(text)]


def test_pairs_double_marks_in_order() -> None:
    text = '"We will stay," the mayor said. "The bridge stays open."'
    assert texts(text) == ['"We will stay,"', '"The bridge stays open."']


def test_two_apostrophes_work_as_double_marks() -> None:
    text = "''The harvest was poor,'' the farmer said."
    assert texts(text) == ["''The harvest was poor,''"]


def test_marks_never_pair_across_paragraphs() -> None:
    text = 'The coach called it "a disaster.\nNext season starts in May, and "fans" are hopeful.'
    spans = quote_spans(text)
    first = text[spans[0].start : spans[0].end]
    assert first == '"a disaster.'
    assert not spans[0].closed
    assert '"fans"' in texts(text)


def test_multi_paragraph_quote_continues_in_one_group() -> None:
    text = '"The first part of my speech ends here.\n\n"The second part closes the quote."'
    spans = quote_spans(text)
    assert len(spans) == 2
    assert not spans[0].closed and spans[1].closed
    assert spans[0].group == spans[1].group


def test_unrelated_paragraph_starts_a_new_group() -> None:
    text = 'She said "one thing" here.\n\n"Another thing," he replied.'
    spans = quote_spans(text)
    assert spans[0].group != spans[1].group


def test_unbalanced_mark_is_capped() -> None:
    text = 'He wrote "this never closes ' + "and the text goes on. " * 100
    (span,) = quote_spans(text, max_open=200)
    assert not span.closed
    assert span.end - span.start <= 200
    assert text[span.end - 1] == "."


def test_lost_opening_mark_closes_from_paragraph_start() -> None:
    text = 'The plan is working," the governor said.'
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == 'The plan is working,"'


def test_single_marks_pair_but_apostrophes_do_not() -> None:
    text = "Headline: Mayor calls plan 'a big mistake' as the Smiths' shop closes and it's over."
    assert texts(text) == ["'a big mistake'"]


def test_single_marks_inside_double_marks_belong_to_the_outer_quote() -> None:
    text = "\"They told me 'wait here' and left,\" she said."
    assert texts(text) == ["\"They told me 'wait here' and left,\""]


def test_artifact_free_cuts_before_a_blanked_artifact() -> None:
    text = "Quote text [ad_1] tail"
    clean = "Quote text        tail"
    assert artifact_free(text, clean, 0, len(text)) == (0, 10)
