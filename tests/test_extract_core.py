"""The extraction core: a pipeline of named steps over one per-document object."""

from communique.extract.core import STEP_NAMES, Analysis, Pipeline, Step
from communique.model import Document, Mention


def _upper_words(a: Analysis) -> None:
    a.mentions = [Mention(k, k + len(w), "ORG", w) for k, w in _words(a.text) if w.isupper()]


def _words(text):
    k = 0
    for w in text.split(" "):
        yield k, w
        k += len(w) + 1


def _dates(a: Analysis) -> None:
    a.extra["seen"] = len(a.mentions)  # reads what the step before it wrote
    a.published = a.published or "2031-02-03"


def test_steps_run_in_order_on_one_object_and_the_record_carries_what_they_wrote():
    pipe = Pipeline("xx", [Step("names", _upper_words), Step("dates", _dates)])
    rec = pipe(Document(id="d", text="The OSCE and the UN met"))
    assert [m.text for m in rec.mentions] == ["OSCE", "UN"]
    assert rec.document.published == "2031-02-03" and rec.document.language == "xx"
    assert rec.extractor.language == "xx"


def test_the_record_states_steps_in_the_canonical_order_and_skips_what_a_language_lacks():
    ran = []
    steps = [Step("dates", lambda a: ran.append("dates")),
             Step("published", lambda a: ran.append("published")),
             Step("inner", lambda a: ran.append("inner"), states=()),
             Step("persons", lambda a: ran.append("persons"), states=("persons-patterns", "roles-patterns")),
             Step("events", lambda a: ran.append("events"), supports=lambda lang: lang != "xx")]
    rec = Pipeline("xx", steps, skipped=["ner"])(Document(id="d", text="x"))
    assert ran == ["dates", "published", "inner", "persons"]  # run in the list's order
    assert rec.extractor.steps == ["published", "dates", "persons-patterns", "roles-patterns"]
    assert rec.extractor.skipped == ["ner", "events"]
    assert Pipeline("yy", steps).stated[-1] == "events"


def test_each_language_lists_its_steps():
    from communique.extract.pipeline import pipeline_for, recipe_for

    steps, skipped = recipe_for("ru")
    assert [s.name for s in steps if s.stated()][:3] == ["sentences", "ner", "entities"] and not skipped
    assert pipeline_for("ru").stated == ["sentences", "ner", "entities", "roles", "dates", "events", "agreements",
                                         "topics"]
    assert pipeline_for("de").stated == ["language", "published"] and "events" in pipeline_for("de").skipped
    assert all(n in STEP_NAMES for lang in ("ru", "en", "kk", "uk", "de") for n in pipeline_for(lang).stated)


def test_english_stretches_between_commas_are_counted_once_for_dates_and_participants():
    from communique.extract.english import tokenize
    from communique.extract.english.lexicon import comma_segments

    toks = tokenize("Since the talks in May, the sides signed a plan, then left", 0)
    seg = dict(zip([t.text for t in toks], comma_segments(toks), strict=False))
    assert seg["May"] == 0 and seg["signed"] == 1 and seg["left"] == 2


def test_one_series_key_for_both_languages_leaves_out_the_ordinal():
    import communique

    en = communique.extract("The 5th Ministerial Meeting of the Caspian Forum was held in Baku on 3 May 2031. "
                            "The Fourth Ministerial Meeting of the Caspian Forum took place in Astana in 2030.",
                            language="en")
    keys = {e.ordinal: e.series for e in en.events if e.ordinal}
    assert keys[5] == keys[4] == "ministerial meeting of the caspian forum"
    ru = communique.extract("5-е совещание руководителей таможенных служб прошло в Минске 3 мая 2031 года. "
                            "4-е совещание руководителей таможенных служб прошло в Астане в 2030 году.", language="ru")
    assert {e.series for e in ru.events if e.ordinal} == {"совещание руководитель таможенный служба"}


def test_a_document_takes_parties_day_and_event_from_its_signing_in_every_language():
    from communique.extract.agreements import from_signing
    from communique.model import Event, Evidence, Participant

    done = Event("e2", "SIGNING", "occurred", Evidence(0, 5, "x"), start="2031-02-03",
                 participants=[Participant("o1", "party"), Participant("p1"), Participant("o2", "party")])
    assert from_signing(done) == (["o1", "o2"], "2031-02-03", "e2")
    ahead = Event("e3", "SIGNING", "planned", Evidence(0, 5, "x"), start="2031-04-05", participants=[Participant("p1")])
    assert from_signing(ahead) == ([], None, "e3")
    assert from_signing(ahead, anyone=True) == (["p1"], None, "e3")  # the Russian step: whoever signs
    assert from_signing(None) == ([], None, None)


def test_a_regional_sentence_is_evidence_without_the_blanks_at_its_edges():
    from communique.extract.regional_sentences import evidence_of

    text = "Title\n  Министрлер кездесті.  \nNext"
    ev = evidence_of(text, 6, 29)
    assert (ev.text, text[ev.start:ev.end]) == ("Министрлер кездесті.", "Министрлер кездесті.")


def test_a_sentence_inside_a_headline_line_is_told_apart_from_the_story():
    from communique.extract.english import english_sentences
    from communique.nlp import headline_spans, in_headline

    text = "Ministers meet in Baku\nThe ministers met in Baku on Monday. They signed a plan."
    sents = english_sentences(text)
    assert [in_headline(s, headline_spans(text)) for s in sents] == [True, False, False]


def test_the_period_a_date_gives_an_event_is_read_once_for_every_language():
    from communique.extract.dates import DateMention
    from communique.extract.event_arguments import period_told

    day = DateMention(0, 5, "3 May", "2031-05-03", None, "date", False)
    assert period_told(day, ending=False) == ("2031-05-03", None)
    assert period_told(day, ending=True) == (None, "2031-05-03")  # "the session ended on 3 May"
    until = DateMention(0, 5, "until 9 May", None, "2031-05-09", "until", False)
    assert period_told(until, ending=False) == (None, "2031-05-09")
    days = DateMention(0, 5, "3-5 May", "2031-05-03", "2031-05-05", "range", False)
    assert period_told(days, ending=True) == ("2031-05-03", "2031-05-05")
