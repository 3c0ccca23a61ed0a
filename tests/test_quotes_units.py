"""Quote pieces that need no model: cue lexicon, speaker resolution, event linking, filtering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.document import Actor, Event
from newsevents.quotes.attribute import SpeakerResolver, is_pronoun
from newsevents.quotes.cues import load_cues, parse_cues
from newsevents.quotes.link import link_events
from newsevents.quotes.query import filter_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc


def test_parse_cues_skips_comments_and_unknown_kinds() -> None:
    lex = parse_cues(["# comment", "say\tspeech", "belief\tnoun", "odd\tnonsense", ""])
    assert lex.verb_kind("say") == "speech"
    assert lex.verb_kind("odd") is None
    assert "belief" in lex.nouns


def test_packaged_cues_cover_the_common_verbs() -> None:
    lex = load_cues()
    for lemma in ("say", "tell", "add", "warn", "insist", "announce", "claim", "state"):
        assert lex.verb_kind(lemma) is not None


def mention(
    text: str, start: int, code: str | None, country: str | None, sector: str | None, kind: str
) -> Actor:
    return Actor(text, start, start + len(text), code, country, sector, text, kind)


def test_pronoun_takes_the_last_person_speaker() -> None:
    text = "Minister Lena Berg spoke. Later she said it was over."
    berg = mention("Lena Berg", 9, "NORGOV", "NOR", "GOV", "person")
    res = SpeakerResolver([berg], text)
    assert res.resolve(9, 18, 14) is not None
    she = text.index("she")
    actor = res.resolve(she, she + 3, she)
    assert actor is not None and actor.code == "NORGOV"
    assert actor.text == "she"


def test_state_media_takes_the_country_of_the_last_media_speaker() -> None:
    text = "Radio Tirana said the dam was safe. State media added that repairs began."
    radio = mention("Radio Tirana", 0, "ALBMED", "ALB", "MED", "org")
    sm = text.index("State media")
    state_media = mention("State media", sm, "MED", None, "MED", "agent")
    res = SpeakerResolver([radio, state_media], text)
    res.resolve(0, 12, 6)
    actor = res.resolve(sm, sm + len("State media"), sm + 6)
    assert actor is not None and actor.code == "ALBMED"


def test_department_takes_the_country_of_the_last_secretary() -> None:
    text = "Chilean Secretary of Energy Ana Soto flew home. The department said the plant would close."
    chile = mention("Chilean", 0, "CHL", "CHL", None, "country")
    secretary = mention("Secretary of Energy", 8, "GOV", None, "GOV", "agent")
    soto = mention("Ana Soto", 28, "CHLGOV", "CHL", "GOV", "person")
    dep = text.index("department")
    department = mention("department", dep, "GOV", None, "GOV", "agent")
    res = SpeakerResolver([chile, secretary, soto, department], text)
    start = text.index("The department")
    actor = res.resolve(start, dep + len("department"), dep)
    assert actor is not None and actor.code == "CHLGOV"


def test_is_pronoun() -> None:
    assert is_pronoun("He") and is_pronoun(" they ")
    assert not is_pronoun("the ministry")


def event(code: str, start: int, end: int) -> Event:
    return Event(0, 0, 100, start, end, code)


def test_speech_events_inside_a_quote_or_at_its_cue_get_the_quote_id() -> None:
    quotes = [
        {"quote_id": "a:q1", "cue_start": 40, "cue_end": 44, "content_start": 0, "content_end": 38},
        {"quote_id": "a:q2", "cue_start": 90, "cue_end": 94, "content_start": 60, "content_end": 88},
    ]
    events = [
        event("112", 10, 16),  # accuse, inside q1's content
        event("010", 90, 94),  # the cue of q2
        event("190", 12, 18),  # fighting is not speech
        event("036", 200, 205),  # outside every quote
    ]
    linked = link_events(events, quotes)
    assert [e.quote_id for e in linked] == ["a:q1", "a:q2", None, None]


def test_the_shortest_enclosing_quote_wins() -> None:
    quotes = [
        {"quote_id": "a:q1", "cue_start": 0, "cue_end": 4, "content_start": 5, "content_end": 90},
        {"quote_id": "a:q2", "cue_start": 20, "cue_end": 24, "content_start": 25, "content_end": 40},
    ]
    (linked,) = link_events([event("130", 30, 36)], quotes)
    assert linked.quote_id == "a:q2"


ROWS: list[dict[str, str | None]] = [
    {"speaker_text": "Foreign Minister Ana Soto", "speaker_code": "CHLGOV", "content_text": "We will sign"},
    {"speaker_text": "state media", "speaker_code": "ALBMED", "content_text": "The dam is safe"},
    {"speaker_text": None, "speaker_code": None, "content_text": "Nobody knows"},
]


def test_filter_quotes_by_speaker_country_and_text() -> None:
    assert filter_quotes(ROWS, speaker="soto") == [ROWS[0]]
    assert filter_quotes(ROWS, speaker="albmed") == [ROWS[1]]
    assert filter_quotes(ROWS, country="alb") == [ROWS[1]]
    assert filter_quotes(ROWS, text="DAM") == [ROWS[1]]
    assert filter_quotes(ROWS, country="CHL", text="dam") == []
    assert filter_quotes(ROWS) == ROWS


def test_parse_cues_reads_adjectives_and_agent_nouns() -> None:
    lex = parse_cues(["wary\tadjective", "critic\tagent", "find\tclause", "seem\tseem"])
    assert "wary" in lex.adjectives
    assert "critic" in lex.agents
    assert lex.verb_kind("find") == "clause"
    assert lex.verb_kind("seem") == "seem"
    assert "wary" not in lex.verbs and "critic" not in lex.nouns


def test_initial_name_recovers_a_speaker_the_parser_lost() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsevents.quotes.extract import _initial_name

    # "Ann Ruiz , a farmer , said rain fell ." parsed with "farmer" as a verb and no subject for "said"
    words = ["Ann", "Ruiz", ",", "a", "farmer", ",", "said", "rain", "fell", "."]
    heads = [1, 4, 4, 4, 6, 6, 6, 8, 6, 6]
    deps = ["compound", "nsubj", "punct", "det", "ccomp", "punct", "ROOT", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "VERB", "PUNCT", "VERB", "NOUN", "VERB", "PUNCT"]
    tags = ["NNP", "NNP", ",", "DT", "VBP", ",", "VBD", "NN", "VBD", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    found = _initial_name(doc[6])
    assert found is not None and found.text == "Ruiz"
    assert _initial_name(doc[8]) is None  # not after a comma


def test_packaged_cues_have_rarer_speech_verbs() -> None:
    lex = load_cues()
    for lemma in ("gloat", "interject", "mutter", "confide"):
        assert lex.verb_kind(lemma) == "speech"


def _hand_parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.vocab import Vocab

    return SpacyDoc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_rule_line_parsed_as_a_second_subject_is_not_the_speaker() -> None:
    from newsevents.quotes.extract import subject_of

    # "She says it works . ___" with the rule line hung on "says" as a second subject
    doc = _hand_parse(
        ["She", "says", "it", "works", ".", "___"],
        [1, 1, 3, 1, 1, 1],
        ["nsubj", "ROOT", "nsubj", "ccomp", "punct", "nsubj"],
        ["PRON", "VERB", "PRON", "VERB", "PUNCT", "PUNCT"],
        ["PRP", "VBZ", "PRP", "VBZ", ".", "NFP"],
    )
    found = subject_of(doc[1], load_cues())
    assert found is not None and found.text == "She"


def test_phrase_before_a_subjectless_cue_is_its_speaker() -> None:
    from newsevents.quotes.extract import _phrase_before

    # "Worried , Jo Kim , the leader , said it ended ." with the name hung on "Worried" as a conjunct
    doc = _hand_parse(
        ["Worried", ",", "Jo", "Kim", ",", "the", "leader", ",", "said", "it", "ended", "."],
        [8, 0, 3, 0, 3, 6, 3, 8, 8, 10, 8, 8],
        [
            "advcl",
            "punct",
            "compound",
            "conj",
            "punct",
            "det",
            "appos",
            "punct",
            "ROOT",
            "nsubj",
            "ccomp",
            "punct",
        ],
        ["VERB", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PRON", "VERB", "PUNCT"],
        ["VBN", ",", "NNP", "NNP", ",", "DT", "NN", ",", "VBD", "PRP", "VBD", "."],
    )
    found = _phrase_before(doc[8])
    assert found is not None and found.text == "Kim"
    assert _phrase_before(doc[10]) is None  # "it ended": the word before is not a noun


def test_object_of_a_finite_verb_before_a_cue_is_not_its_speaker() -> None:
    from newsevents.quotes.extract import _phrase_before

    # "He criticized the plan said it fails ." (a missing "and"): "plan" is an object, not a speaker
    doc = _hand_parse(
        ["He", "criticized", "the", "plan", "said", "it", "fails", "."],
        [1, 1, 3, 1, 1, 6, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "conj", "nsubj", "ccomp", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "VERB", "PRON", "VERB", "PUNCT"],
        ["PRP", "VBD", "DT", "NN", "VBD", "PRP", "VBZ", "."],
    )
    assert _phrase_before(doc[4]) is None


def test_subject_from_a_later_paragraph_is_not_the_speaker() -> None:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.vocab import Vocab

    from newsevents.quotes.extract import find_attributions
    from newsevents.quotes.marks import quote_spans

    # "He left, saying it works.\n\nAnn spoke." with "saying" hung on "spoke" of the next paragraph
    words = ["He", "left", ",", "saying", "it", "works", ".", "\n\n", "Ann", "spoke", "."]
    spaces = [True, False, True, True, True, False, False, False, True, False, False]
    doc = SpacyDoc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=[1, 1, 1, 9, 5, 3, 1, 1, 9, 1, 9],
        deps=["nsubj", "ROOT", "punct", "advcl", "nsubj", "ccomp", "punct", "dep", "nsubj", "conj", "punct"],
        pos=["PRON", "VERB", "PUNCT", "VERB", "PRON", "VERB", "PUNCT", "SPACE", "PROPN", "VERB", "PUNCT"],
        tags=["PRP", "VBD", ",", "VBG", "PRP", "VBZ", ".", "_SP", "NNP", "VBD", "."],
        lemmas=["he", "leave", ",", "say", "it", "work", ".", "\n\n", "Ann", "speak", "."],
    )
    text = doc.text
    found = [a for a in find_attributions(doc, text, quote_spans(text), load_cues()) if a.cue_start == 9]
    assert len(found) == 1
    att = found[0]
    assert att.speaker_start is not None and text[att.speaker_start : att.speaker_end] == "He"
