"""The fast paths of the shared language layer give what the libraries they stand in for give."""

from razdel import tokenize

from communique import nlp
from communique.extract.event_triggers import PhraseTable, longest_match, phrase_table
from communique.extract.published import find_published

TRICKY = [
    "Министр Иван Петров-Водкин прибыл в г. Энск 12.05.2021 в 10:30 :) и сказал: «Всё ок?!»",
    "Итоги 2020.\n5 мая начался новый год работы.",
    "Пункт первый\n-Пункт второй, и ещё один.",
    "Слово-\nслово дальше; 1/2 доли, 3,5 процента, a_b и ΔP.",
    "Глава ООН... --- ** *** yahoo! ...",
]


def test_razdel_tokens_are_razdels_tokens():
    for text in TRICKY:
        assert nlp.razdel_tokens(text) == [(t.start, t.stop, t.text) for t in tokenize(text)]


def test_sentence_tokens_stand_for_the_whole_text_only_where_razdel_agrees():
    plain = "Министр Иван Петров встретился с делегацией.\n\nВстреча прошла в Москве."
    toks = nlp._tokens_as_whole(plain, nlp.sentences(plain))
    assert [(t.start, t.end, t.text) for t in toks] == [(t.start, t.stop, t.text) for t in tokenize(plain)]
    # '2020.' + '5' and '-' + 'Пункт' join across the sentence break in the whole text
    for text in TRICKY[1:3]:
        assert nlp._tokens_as_whole(text, nlp.sentences(text)) is None


def test_ner_spans_are_the_taggers_spans():
    texts = ["Министр иностранных дел России Сергей Лавров прибыл в Ташкент.\n\n"
             "Он встретился с Президентом Узбекистана и главой МИД Казахстана в Самарканде.",
             *TRICKY]
    for text in texts:
        got = [(s.start, s.stop, s.type) for s in nlp.ner_spans(text, nlp.sentences(text))]
        want = [(s.start, s.stop, s.type) for s in nlp.ner_tagger()(text).spans]
        assert got == want


def test_phrase_table_skips_words_that_start_no_phrase():
    table = phrase_table({"MEETING": ["рабочая встреча", "встреча"]})
    assert isinstance(table, PhraseTable) and table.firsts == {"рабочая", "встреча"}
    words = ["прошла", "рабочая", "встреча", "встреча"]
    assert longest_match(words, 0, table, 2) is None
    assert longest_match(words, 1, table, 2) == (2, "MEETING", ("рабочая", "встреча"))
    assert longest_match(words, 3, table, 2) == (1, "MEETING", ("встреча",))
    assert longest_match(words, 4, table, 2) is None


def test_published_date_is_found_with_the_per_line_cache():
    text = "Энск, 3 марта 2024 года — Министр провёл встречу.\n\nТекст.\n\n"
    first = find_published(text, "ru")
    assert first is not None and first[0] == "2024-03-03"
    assert find_published(text, "ru") == first


def test_loaded_models_are_out_of_the_collectors_sight():
    import gc

    words = nlp.ner_tagger().infer.encoder.words_vocab.items  # navec's 250,000 words
    nlp.morph()
    assert len(words) > 100_000 and gc.get_freeze_count() > 0
    assert not any(o is words for o in gc.get_objects())  # a full collection does not walk it


def test_topics_read_only_the_ngrams_that_start_a_key_and_count_each_once():
    from communique.extract import topics

    text = ("Министерство обсудило регулирование технологий искусственного интеллекта и этику. "
            "Искусственный интеллект, искусственный интеллект и большие данные: кодекс этики принят.")
    sents = nlp.sentences(text)
    got = [(t.id, t.score) for t in topics.TopicStep()(sents)]
    # the same sum over every n-gram of the sentence, as a set
    hits: dict[str, float] = {}
    for s in sents:
        lem = [nlp.lemma(t.text) for t in s.tokens if t.text[:1].isalnum()]
        grams = {tuple(lem[i:i + n]) for n in range(1, topics._MAXN + 1) for i in range(len(lem) - n + 1)}
        found: dict[str, list[int]] = {}
        for g in grams:
            for tid, strong in topics._BY_KEY.get(g, ()):
                found.setdefault(tid, [0, 0])[0 if strong else 1] += 1
        for tid, (a, b) in found.items():
            hits[tid] = hits.get(tid, 0.0) + 2.0 * a + 0.5 * b
    words = sum(len(s.tokens) for s in sents)
    want = sorted(((tid, min(1.0, sc * 1000 / words / 40)) for tid, sc in hits.items() if sc >= 2),
                  key=lambda x: -x[1])
    assert got and sorted(got) == sorted(want) and "ai" in dict(got)


def test_the_ner_models_emissions_are_slovnets_bit_for_bit():
    import numpy as np

    infer = nlp.ner_tagger().infer
    model, pad = infer.model, infer.encoder.words_vocab.pad_id
    texts = ["Министр иностранных дел России Сергей Лавров прибыл в Ташкент.", "Да", *TRICKY]
    cases = []
    for text in texts:
        ids = [nlp._word_shape_ids(t.text) for t in tokenize(text)]
        cases.append((np.array([[w for w, _ in ids]]), np.array([[s for _, s in ids]])))
    cases.append((np.array([[5, pad, 7]]), np.array([[1, 1, 1]])))  # a masked position
    for word_id, shape_id in cases:
        mask = word_id == pad
        assert np.array_equal(nlp._embed(model.emb, word_id, shape_id), model.emb(word_id, shape_id))
        assert np.array_equal(nlp._emissions(model, word_id, shape_id, mask), model(word_id, shape_id, mask))


def test_short_names_are_read_pairwise_only_against_longer_names(monkeypatch):
    from communique.extract import entities

    table = entities.EntityTable("ru")
    short = table.new("ORG", "Электроэнергетический совет")
    full = table.new("ORG", "Электроэнергетический совет СНГ")
    for k in range(30):
        table.new("ORG", f"Фонд{k}")  # one-word names: nobody's shorter name, no one's longer one
    calls = []
    real = entities._shorter_name_of
    monkeypatch.setattr(entities, "_shorter_name_of", lambda a, b: calls.append((a, b)) or real(a, b))
    entities._merge_short_names(table, [])
    assert calls == [(short.name, full.name)]
    assert short not in table.entities and short.name in full.aliases


def test_chinese_numerals_below_a_thousand():
    from communique.nlp import chinese_numeral

    assert [chinese_numeral(w) for w in ("三", "两", "十", "十二", "二十", "二十一", "一百零五", "１２")] == \
        [3, 2, 10, 12, 20, 21, 105, 12]
    assert chinese_numeral("会议") is None
