"""The gazetteer data (countries, cities, organizations) and its loader."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from communique.extract.gazetteer import RESOURCE_DIR, Gazetteer, normalize_key

ALL_LANGS = ("ru", "en", "zh", "kk", "uz", "be", "tg", "ky")

# CIS and neighbours, the Baltic states, China, Mongolia, Iran, Türkiye, South Asia, the Gulf, BRICS members
# and partners, SCO members and partners, the big EU states, the USA, Japan, the Koreas, South-East Asia.
REGION = re.findall(
    r"[A-Z]{2}",
    "RU BY KZ UZ KG TJ TM AZ AM MD UA GE LT LV EE CN MN IR TR IN PK AF SA AE QA KW BH OM "
    "BR ZA EG ET ID MY VN JP KR KP US DE FR IT ES PL GB LK NP KH MV MM LA TH CU BO UG NG",
)


def _read(name: str):
    with open(RESOURCE_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def raw():
    return {n: _read(f"{n}.json") for n in ("countries", "cities", "organizations")}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# -- the files --------------------------------------------------------------------------------------


def test_json_loads(raw):
    assert isinstance(raw["countries"], list) and len(raw["countries"]) >= 249
    assert isinstance(raw["cities"], list) and len(raw["cities"]) >= 250
    orgs = raw["organizations"]
    assert isinstance(orgs, dict)
    assert len(orgs["organizations"]) >= 120
    assert orgs["ministry_patterns"]["head_words"]["ru"]
    assert orgs["ministry_patterns"]["short_forms"]


def test_load_is_cached(gaz):
    assert Gazetteer.load() is gaz


def test_country_codes(raw):
    iso2 = [c["iso2"] for c in raw["countries"]]
    iso3 = [c["iso3"] for c in raw["countries"]]
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in iso2)
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in iso3)
    assert len(set(iso2)) == len(iso2)
    assert len(set(iso3)) == len(iso3)
    for must in ("PS", "XK", "TW", "HK", "MO", "VA", "SS", "RU", "CN"):
        assert must in iso2


def test_every_country_named_in_ru_en_zh(raw):
    for c in raw["countries"]:
        for lang in ("ru", "en", "zh"):
            assert c["name"].get(lang), (c["iso2"], lang)
        assert c["official"].get("ru") and c["official"].get("en"), c["iso2"]
        for field in ("name", "official", "variants", "adjective"):
            assert isinstance(c[field], dict), (c["iso2"], field)


def test_region_in_all_languages(raw):
    by_iso = {c["iso2"]: c for c in raw["countries"]}
    for iso in REGION:
        c = by_iso[iso]
        assert c.get("region_focus") is True, iso
        for lang in ALL_LANGS:
            assert c["name"].get(lang), (iso, "name", lang)
            assert c["capital"].get(lang), (iso, "capital", lang)


def test_scripts(raw):
    """Uzbek in Latin script; Kazakh, Kyrgyz, Tajik and Belarusian in Cyrillic; Chinese in Han."""
    cyr = re.compile(r"^[\u0400-\u04FF\s\-'’()—.,]+$")
    for c in raw["countries"]:
        names = c["name"]
        if "uz" in names:
            assert re.fullmatch(r"[A-Za-zʻʼ'\- ]+", names["uz"]), (c["iso2"], names["uz"])
        for lang in ("kk", "ky", "tg", "be"):
            if lang in names:
                assert cyr.match(names[lang]), (c["iso2"], lang, names[lang])
        assert re.search(r"[\u4e00-\u9fff]", names["zh"]), c["iso2"]
        assert re.search(r"[А-Яа-яЁё]", names["ru"]), c["iso2"]


def test_cities_data(raw):
    isos = {c["iso2"] for c in raw["countries"]}
    ids = [c["id"] for c in raw["cities"]]
    assert len(set(ids)) == len(ids)
    central_asia = {"KZ", "UZ", "KG", "TJ", "TM", "BY"}
    for city in raw["cities"]:
        assert city["country"] in isos, city["id"]
        assert city["name"].get("ru") and city["name"].get("en"), city["id"]
        if city["country"] in central_asia:
            for lang in ("kk", "uz", "ky", "tg", "be"):
                assert city["name"].get(lang), (city["id"], lang)


def test_capitals_not_repeated_in_cities(raw):
    capitals = {
        (c["iso2"], normalize_key(c["capital"]["ru"]))
        for c in raw["countries"]
        if c.get("capital") and c["capital"].get("ru")
    }
    for city in raw["cities"]:
        assert (city["country"], normalize_key(city["name"]["ru"])) not in capitals, city["id"]


def test_organizations_data(raw):
    orgs = raw["organizations"]["organizations"]
    ids = [o["id"] for o in orgs]
    assert len(set(ids)) == len(ids)
    for o in orgs:
        assert o["name"].get("ru") and o["name"].get("en"), o["id"]
        assert o["kind"], o["id"]
        assert o["parent"] is None or o["parent"] in ids, o["id"]
        assert o["founded"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", o["founded"]), o["id"]


# -- collisions ---------------------------------------------------------------------------------------


def _keys_to_ids(entries, fields, ident):
    seen: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for field in fields:
            value = e.get(field)
            if isinstance(value, str):
                seen[normalize_key(value)].add(ident(e))
                continue
            for v in (value or {}).values():
                for s in [v] if isinstance(v, str) else v:
                    seen[normalize_key(s)].add(ident(e))
    return {k: ids for k, ids in seen.items() if len(ids) > 1}


def test_no_country_key_names_two_countries(raw, gaz):
    clashes = _keys_to_ids(
        raw["countries"], ("name", "official", "variants", "iso2", "iso3"), lambda c: c["iso2"]
    )
    assert clashes == {}
    assert [c for c in gaz.collisions if c[1] == "country"] == []


def test_no_adjective_names_two_countries(raw, gaz):
    assert _keys_to_ids(raw["countries"], ("adjective",), lambda c: c["iso2"]) == {}
    assert [c for c in gaz.collisions if c[1] == "adjective"] == []


def test_no_city_key_names_two_cities(gaz):
    assert [c for c in gaz.collisions if c[1] == "city"] == []


def test_no_organization_key_names_two_organizations(raw, gaz):
    clashes = _keys_to_ids(
        raw["organizations"]["organizations"], ("name", "acronyms", "variants"), lambda o: o["id"]
    )
    assert clashes == {}
    assert [c for c in gaz.collisions if c[1] == "organization"] == []


# -- lookups ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, iso",
    [
        ("КНР", "CN"),
        ("Китайская Народная Республика", "CN"),
        ("Киргизия", "KG"),
        ("Кыргызская Республика", "KG"),
        ("Russian Federation", "RU"),
        ("российская федерация", "RU"),
        ("Oʻzbekiston", "UZ"),
        ("O'zbekiston", "UZ"),
        ("Белоруссия", "BY"),
        ("Рэспубліка Беларусь", "BY"),
        ("РК", "KZ"),
        ("Қазақстан", "KZ"),
        ("Туркмения", "TM"),
        ("Молдавия", "MD"),
        ("США", "US"),
        ("U.S.", "US"),
        ("Соединенные Штаты Америки", "US"),
        ("Южная Корея", "KR"),
        ("Республика Корея", "KR"),
        ("КНДР", "KP"),
        ("ОАЭ", "AE"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("«Великобритания»", "GB"),
        ("Папуа — Новая Гвинея", "PG"),
        ("中国", "CN"),
        ("白俄罗斯", "BY"),
        ("Тоҷикистон", "TJ"),
        ("by", "BY"),
        ("BLR", "BY"),
        ("XK", "XK"),
        ("Палестина", "PS"),
        ("Сянган", "HK"),
        ("Аомынь", "MO"),
    ],
)
def test_country_lookup(gaz, key, iso):
    entry = gaz.country(key)
    assert entry is not None, key
    assert entry["iso2"] == iso


def test_unknown_keys(gaz):
    assert gaz.country("Атлантида") is None
    assert gaz.country("") is None
    assert gaz.city("Сколково") is None
    assert gaz.organization("ООО «Ромашка»") is None


@pytest.mark.parametrize(
    "key, country",
    [
        ("Шанхай", "CN"),
        ("上海", "CN"),
        ("Алма-Ата", "KZ"),
        ("Алматы", "KZ"),
        ("Олмаота", None),
        ("Москва", "RU"),
        ("Мәскеу", "RU"),
        ("Минск", "BY"),
        ("Мінск", "BY"),
        ("Toshkent", "UZ"),
        ("Санкт-Петербург", "RU"),
        ("Бенгалуру", "IN"),
        ("Женева", "CH"),
        ("Нью-Йорк", "US"),
        ("Самарканд", "UZ"),
        ("Худжанд", "TJ"),
        ("Хуҷанд", "TJ"),
        ("Ош", "KG"),
        ("Гомель", "BY"),
        ("Кишинев", "MD"),
    ],
)
def test_city_lookup(gaz, key, country):
    entry = gaz.city(key)
    if country is None:
        assert entry is None
    else:
        assert entry is not None, key
        assert entry["country"] == country


def test_capitals_are_cities(gaz):
    moscow = gaz.city("Москва")
    assert moscow["capital"] is True
    assert gaz.capital_of("Россия") is moscow
    assert gaz.capital_of(gaz.country("PS")) is None  # no capital recorded
    assert [k for k, _ in gaz.place("Джибути")] == ["country", "city"]


@pytest.mark.parametrize(
    "key, org_id",
    [
        ("ШОС", "sco"),
        ("SCO", "sco"),
        ("Шанхайская организация сотрудничества", "sco"),
        ("上合组织", "sco"),
        ("РСС", "rcc"),
        ("RCC", "rcc"),
        ("Региональное содружество в области связи", "rcc"),
        ("Исполнительный комитет РСС", "rcc_executive_committee"),
        ("МСЭ", "itu"),
        ("ITU", "itu"),
        ("ЕАЭС", "eaeu"),
        ("EAEU", "eaeu"),
        ("СНГ", "cis"),
        ("CIS", "cis"),
        ("СМИД", "cis_cfm"),
        ("СМИД ШОС", "sco_cfm"),
        ("Исполком СНГ", "cis_executive_committee"),
        ("МПА СНГ", "cis_ipa"),
        ("ООН", "un"),
        ("Организация Объединенных Наций", "un"),
        ("Генассамблея ООН", "unga"),
        ("Совбез ООН", "unsc"),
        ("РАТС ШОС", "sco_rats"),
        ("ОДКБ", "csto"),
        ("БРИКС", "brics"),
        ("Новый банк развития", "ndb"),
        ("«Группа двадцати»", "g20"),
        ("G20", "g20"),
        ("Еврокомиссия", "european_commission"),
        ("ФАТФ", "fatf"),
        ("ICANN", "icann"),
        ("ITU-T", "itu_t"),
    ],
)
def test_organization_lookup(gaz, key, org_id):
    entry = gaz.organization(key)
    assert entry is not None, key
    assert entry["id"] == org_id


def test_eec_is_not_unece(gaz):
    eec, unece = gaz.organization("ЕЭК"), gaz.organization("ЕЭК ООН")
    assert eec["id"] == "eec" and unece["id"] == "unece"
    assert gaz.organization("Евразийская экономическая комиссия") is eec
    assert gaz.organization("Европейская экономическая комиссия ООН") is unece
    assert gaz.organization("UNECE") is unece


@pytest.mark.parametrize(
    "adj, iso",
    [
        ("белорусский", "BY"),
        ("Belarusian", "BY"),
        ("российский", "RU"),
        ("российской", "RU"),
        ("о российском", None),
        ("российском", "RU"),
        ("китайская", "CN"),
        ("кыргызстанского", "KG"),
        ("казахстанскими", "KZ"),
        ("южнокорейские", "KR"),
        ("Chinese", "CN"),
        ("шри-ланкийский", "LK"),
        ("английский", None),
    ],
)
def test_country_of_adjective(gaz, adj, iso):
    entry = gaz.country_of_adjective(adj)
    assert (entry and entry["iso2"]) == iso


def test_compound_adjectives(gaz):
    def isos(a):
        return [c["iso2"] for c in gaz.countries_of_adjective(a)]

    assert isos("российско-китайский") == ["RU", "CN"]
    assert isos("российско-белорусских") == ["RU", "BY"]
    assert isos("российско-шри-ланкийские") == ["RU", "LK"]
    assert isos("белорусский") == ["BY"]
    assert isos("северо-западный") == []


def test_place_name(gaz):
    kz = gaz.country("KZ")
    assert gaz.place_name(kz, "ru") == "Казахстан"
    assert gaz.place_name(kz, "kk") == "Қазақстан"
    ch = gaz.country("CH")
    assert gaz.place_name(ch, "kk") == "Switzerland"  # falls back to English
    assert gaz.place_name(gaz.city("Шанхай"), "zh") == "上海"
    assert gaz.place_name(gaz.organization("ШОС"), "en") == "Shanghai Cooperation Organisation"


def test_iter_place_keys(gaz):
    ru = list(gaz.iter_place_keys("ru"))
    assert all(isinstance(s, str) and kind in ("country", "city") for s, kind, _ in ru)
    pairs = {(s, kind) for s, kind, _ in ru}
    assert ("Китай", "country") in pairs
    assert ("Китайская Народная Республика", "country") in pairs
    assert ("КНР", "country") in pairs
    assert ("Шанхай", "city") in pairs
    assert ("Москва", "city") in pairs
    assert not any(s == "CN" for s, _, _ in ru)  # ISO codes are not surface forms
    everything = {s for s, _, _ in gaz.iter_place_keys()}
    assert {"Oʻzbekiston", "上海", "Мінск", "Shanghai"} <= everything
    assert len(everything) > len({s for s, _ in pairs})


def test_iter_organization_keys(gaz):
    ru = {s: e["id"] for s, kind, e in gaz.iter_organization_keys("ru") if kind == "organization"}
    assert ru["ШОС"] == "sco"
    assert ru["Шанхайская организация сотрудничества"] == "sco"
    assert "SCO" not in ru
    en = {s for s, _, _ in gaz.iter_organization_keys("en")}
    assert {"SCO", "ITU", "Eurasian Economic Union"} <= en


def test_ministry_patterns(gaz):
    assert gaz.expand_ministry("Минцифры") == (
        "Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации"
    )
    assert gaz.expand_ministry("МИД") == "Министерство иностранных дел"
    assert gaz.expand_ministry("МИД", "BY") == "Министерство иностранных дел Республики Беларусь"
    assert gaz.expand_ministry("Минсвязи", "BY").endswith("Республики Беларусь")
    assert gaz.expand_ministry("Минсвязи", "RU") is None
    assert gaz.ministry_short_form("Роскомнадзор")["country"] == "RU"
    assert gaz.ministry_short_form("РКН")["short"] == "Роскомнадзор"
    assert "министерство" in gaz.head_words("ru")
    assert "Ministry" in gaz.head_words("en")


@pytest.mark.parametrize(
    "raw_key, key",
    [
        ("  Соединённые   Штаты ", "соединенные штаты"),
        ("«ШОС»", "шос"),
        ("U.S.A.", "usa"),
        ("Oʻzbekiston", "ozbekiston"),
        ("O‘zbekiston", "ozbekiston"),
        ("Папуа — Новая Гвинея", "папуа-новая гвинея"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Йошкар-Ола", "йошкар-ола"),
        ("Ӯзбекистон", "ӯзбекистон"),
    ],
)
def test_normalize_key(raw_key, key):
    assert normalize_key(raw_key) == key
