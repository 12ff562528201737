"""Search as a new user tries it, with the real multilingual encoder over releases written for this
test: a query unrelated to the corpus finds nothing; the full text reads Russian inflection on both
sides; an English query finds Russian releases by the other-language names of what it names (the
gazetteer) and by the translation of its subject term (the topic lexicon)."""

from __future__ import annotations

import pytest

from communique.model import Document, Extractor, Record
from communique.search import Searcher, semantic
from communique.search.expand import entity_names, expansions

RELEASES = {
    "ru-sco": ("ru", "Совещание министров ШОС по связи",
               "В Бишкеке прошло очередное совещание министров государств-членов ШОС, ответственных за "
               "развитие связи и информационных технологий. Министры обсудили цифровую связанность региона."),
    "ru-sco-2": ("ru", "Итоги совещания министров ШОС",
                 "Участники совещания министров ШОС договорились о плане работы экспертной группы по "
                 "информационно-коммуникационным технологиям на следующий год."),
    "ru-cyber": ("ru", "Кибербезопасность критической инфраструктуры",
                 "Ведомства двух стран договорились о совместных учениях по кибербезопасности и обмене "
                 "данными о компьютерных инцидентах. Кибербезопасность названа приоритетом сотрудничества."),
    "ru-visit": ("ru", "Рабочая поездка в Казань",
                 "Визитом министра цифрового развития Орлана Тестова в Казань открылась серия встреч с "
                 "региональными операторами связи."),
    "ru-visit-2": ("ru", "Переговоры в Минске",
                   "Министр промышленности Вадим Примеров завершил в Минске свой официальный визит "
                   "переговорами о поставках оборудования."),
    "ru-post": ("ru", "Почтовая логистика",
                "Стороны обсудили развитие почтовой логистики и трансграничной электронной торговли."),
    "ru-budget": ("ru", "Исполнение бюджета",
                  "Правительство рассмотрело исполнение федерального бюджета за первое полугодие."),
    "en-roads": ("en", "Road construction programme approved",
                 "The cabinet approved a programme of road construction and bridge repair in northern provinces, "
                 "with cybersecurity of traffic control systems mentioned among twelve other items."),
    "en-health": ("en", "Vaccination campaign extended",
                  "The Ministry of Health extended the seasonal vaccination campaign to rural clinics."),
    "en-trade": ("en", "Trade mission to Nairobi",
                 "A trade mission of exporters visited Nairobi to discuss agricultural supplies and logistics."),
}


@pytest.fixture(scope="module")
def vectors():
    """The encoder's vectors of the releases, made once for the module (the encoder is slow to load)."""
    return semantic.embed([semantic.document_text(title, text) for _, title, text in RELEASES.values()])


@pytest.fixture
def searcher(store, vectors):
    for doc_id, (lang, title, text) in RELEASES.items():
        doc = Document(id=doc_id, text=f"{title}\n\n{text}", title=title, language=lang)
        store.put(Record(document=doc, extractor=Extractor(version="1.0.0", language=lang)))
    index = semantic.VectorIndex(None)
    index.add(list(RELEASES), vectors)
    return Searcher(store, index=index)


@pytest.mark.parametrize("query", ["banana recipe", "xyzzyqq", "футбол", "how to bake bread"])
@pytest.mark.parametrize("mode", ["hybrid", "semantic", "text"])
def test_a_query_unrelated_to_the_corpus_finds_nothing(searcher, query, mode):
    assert searcher.search(query, mode=mode) == []


def test_a_document_found_by_meaning_alone_needs_a_strong_and_distinct_similarity(searcher):
    query = "совещание министров связи"
    floor = searcher.floor(query)
    assert floor >= 0.2
    found = {h.id for h in searcher.search(query, mode="semantic")}
    nearest = dict(searcher.nearest(query, len(RELEASES)))
    assert "ru-sco" in found
    assert all(nearest[d] >= floor or d in {h.id for h in searcher.search(query, mode="text")} for d in found)
    assert "en-health" not in found


def test_full_text_reads_inflection_on_both_sides(searcher):
    found = [h.id for h in searcher.search("визит министра", mode="text")]
    assert set(found) == {"ru-visit", "ru-visit-2"}
    assert "[[" in searcher.search("визит министра", mode="text")[0].snippet


def test_an_english_query_finds_russian_releases_by_the_names_of_what_it_names(searcher):
    query = "SCO ministers responsible for information and communication technologies meeting"
    top = [h.id for h in searcher.search(query, mode="hybrid", limit=3)]
    assert {"ru-sco", "ru-sco-2"} <= set(top)
    assert "names" in searcher.search(query, mode="text")[0].via


def test_an_english_subject_term_ranks_the_russian_releases_on_it_first(searcher):
    hits = searcher.search("cybersecurity", mode="hybrid")
    assert hits[0].id == "ru-cyber"
    assert "en-roads" in [h.id for h in hits]  # the English release that only mentions it comes after


def test_expansion_names_organizations_by_acronym_in_any_language_and_not_common_words():
    assert "ШОС" in entity_names("SCO meeting")
    assert "Shanghai Cooperation Organisation" in entity_names("совещание ШОС")
    assert entity_names("ministers and experts") == []  # "and" is no country code
    assert "Казахстан" in entity_names("Ministers of Kazakhstan")
    assert "кибербезопасность" in expansions("cybersecurity")
    assert expansions("banana recipe") == []
