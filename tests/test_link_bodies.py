"""One body across languages: a ministry named in Russian, English, Kazakh and Uzbek releases is one
entity of the knowledge base (`link/bodies.py`: heads, portfolio concepts and the country → one
key); two ministries of one country, and one ministry of two countries, stay apart. Invented
releases."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli.main import app as cli_app
from communique.extract.pipeline import extract
from communique.link import KnowledgeBase
from communique.link.bodies import body_key
from communique.service import Service
from communique.store import Store

RELEASES = {
    "ru-mfa": ("ru", "12 марта 2025 года в Астане Министерство иностранных дел Республики Казахстан провело "
                     "консультации с Министерством иностранных дел Кыргызской Республики. Министерство финансов "
                     "Республики Казахстан представило проект бюджета."),
    "en-mfa": ("en", "On 12 March 2025, the Ministry of Foreign Affairs of the Republic of Kazakhstan held "
                     "consultations in Astana with the Ministry of Foreign Affairs of the Kyrgyz Republic."),
    "kk-mfa": ("kk", "2025 жылғы 12 наурызда Астанада Қазақстан Республикасының Сыртқы істер министрлігі мен "
                     "Қырғыз Республикасының Сыртқы істер министрлігі арасында консультациялар өтті."),
    "uz-mfa": ("uz", "2025-yil 14-mart kuni Toshkentda Qozog‘iston Respublikasi Tashqi ishlar vazirligi va "
                     "O‘zbekiston Respublikasi Tashqi ishlar vazirligi o‘rtasida maslahatlashuvlar bo‘lib o‘tdi."),
}


def test_the_key_of_a_body_in_each_language():
    kz = {"Министерство иностранных дел Республики Казахстан": {"Республики Казахстан": "KZ"},
          "Ministry of Foreign Affairs of the Republic of Kazakhstan": None,
          "Қазақстан Республикасының Сыртқы істер министрлігі": {"Қазақстан Республикасының": "KZ"},
          "Qozog‘iston Respublikasi Tashqi ishlar vazirligi": None,
          "Міністэрства замежных спраў Рэспублікі Казахстан": {"Рэспублікі Казахстан": "KZ"},
          "哈萨克斯坦共和国外交部": None}
    assert {body_key(name, places) for name, places in kz.items()} == {"KZ:ministry:foreign"}
    # one country's two ministries, one ministry of two countries: apart
    assert body_key("Министерство финансов Республики Казахстан") == "KZ:ministry:finance"
    assert body_key("Министерство иностранных дел Кыргызской Республики") == "KG:ministry:foreign"
    assert body_key("Министарство спољних послова Републике Србије", {"Републике Србије": "RS"}) == \
        "RS:ministry:foreign"
    # a council and a commission named in several languages
    assert body_key("Совет Министров", None, "BY") == \
        body_key("Council of Ministers of the Republic", None, "BY") == \
        body_key("Савет Міністраў", None, "BY") == "BY:council:minister"
    assert body_key("Межправительственная комиссия по торговле Республики Казахстан") == \
        body_key("Intergovernmental Commission on Trade of the Republic of Kazakhstan") == \
        "KZ:commission:intergovernmental trade"
    # precision first: a word not understood, a body inside another, no country: no key
    assert body_key("Министерство иностранных дел и картографии Республики Казахстан") is None
    assert body_key("Совет Министров Республики Северия", None, "BY") is None  # a country no gazetteer knows
    assert body_key("Комитет государственных доходов Министерства финансов Республики Казахстан") is None
    assert body_key("Министерство иностранных дел") is None
    assert body_key("Министерство иностранных дел", None, "KZ") == "KZ:ministry:foreign"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("bodies") / "kb.db")
    store = Store.open(path)
    kb = KnowledgeBase(store)
    for doc_id, (lang, text) in RELEASES.items():
        store.put(extract(text, published="2025-03-14", language=lang, id=doc_id))
        kb.link_document(doc_id)
    store.close()
    return path


def test_one_ministry_in_russian_english_kazakh_and_uzbek_is_one_entity(db):
    store = Store.open(db)
    try:
        svc = Service(store, ttl=0)
        names = ("Министерство иностранных дел Республики Казахстан",
                 "Ministry of Foreign Affairs of the Republic of Kazakhstan",
                 "Қазақстан Республикасының Сыртқы істер министрлігі",
                 "Qozog‘iston Respublikasi Tashqi ishlar vazirligi")
        keys = {svc.entity_named(n, "ORG") for n in names}
        assert len(keys) == 1
        (key,) = keys
        profile = svc.entity(key)
        assert {d["id"] for d in profile["documents"]} == set(RELEASES)
        # the same ministry of another country, and another ministry of the same country: apart
        kg = svc.entity_named("Министерство иностранных дел Кыргызской Республики", "ORG")
        assert kg != key
        assert {d["id"] for d in svc.entity(kg)["documents"]} == {"ru-mfa", "en-mfa", "kk-mfa"}
        assert svc.entity_named("Министерство финансов Республики Казахстан", "ORG") not in (key, kg)
        uz = svc.entity_named("O‘zbekiston Respublikasi Tashqi ishlar vazirligi", "ORG")
        assert uz not in (key, kg) and {d["id"] for d in svc.entity(uz)["documents"]} == {"uz-mfa"}
    finally:
        store.close()
    res = CliRunner().invoke(cli_app, ["entity", "Сыртқы істер министрлігі Қазақстан Республикасының", "--db", db,
                                       "--json"])
    assert res.exit_code == 0, res.output
    assert {d["language"] for d in json.loads(res.output)["documents"]} == {"ru", "en", "kk", "uz"}


def test_a_ministry_read_up_to_its_country_part_and_by_its_heads_title():
    from communique.link.bodies import portfolio_key
    from communique.link.resolve import is_title_name, name_key

    def key(name: str, country: str | None = "XA") -> str | None:
        return portfolio_key(name_key(name).split(), country)

    # the same key from Russian and English, whatever follows the country part
    assert key("Министерство строительства Республики Алдания по делам регионов") == "XA:ministry:construction"
    assert key("Ministry of Construction of the Republic of Aldania") == "XA:ministry:construction"
    # a minister's title stands for the ministry; a body is not a title
    assert key("Министр финансов Республики Алдания") == key("Министерство финансов") == "XA:ministry:finance"
    assert is_title_name("Министр финансов Республики Алдания") and not is_title_name("Министерство финансов")
    # an unknown word before the country part, a second head, no concept or no country: no key
    assert key("Министерство финансов и лесоводства") is None
    assert key("Комитет Министерства финансов") is None
    assert key("Министерство Республики Алдания") is None
    assert key("Министерство финансов", None) is None
