"""Languages beyond Russian: identification, mixed documents, and the region's languages."""

import communique

UZ_LATIN = ("Toshkent, 2026-yil 5-mart. Oʻzbekiston Respublikasi raqamli texnologiyalar vaziri "
            "Qozogʻiston delegatsiyasi bilan Toshkentda uchrashdi. Uchrashuvda hamkorlik masalalari "
            "muhokama qilindi.")
KAZAKH = ("Астанада 2025 жылғы 5 маусымда Қазақстан және Қырғызстан цифрлық даму министрлерінің "
          "кездесуі өтті. Тараптар ынтымақтастық мәселелерін талқылады.")
MIXED = ("Минск, 3 марта 2026 г.\n"
         "Вчера в Минске состоялись переговоры Министра связи и информатизации Республики Беларусь "
         "Петра Гордеева с делегацией Вьетнама.\n\n"
         "English version\n"
         "Yesterday in Minsk, the Minister of Communications and Informatization of the Republic of Belarus, "
         "Petr Gordeev, held talks with a delegation of Vietnam. The sides signed a memorandum of "
         "understanding on cybersecurity.\n")


def test_latin_uzbek_gets_places_from_the_gazetteer_and_no_russian_model():
    rec = communique.extract(UZ_LATIN)
    assert rec.document.language == "uz"
    places = {e.name: e.iso for e in rec.entities if e.type == "LOC"}
    assert places.get("Toshkent") == "UZ" and places.get("Qozogʻiston") == "KZ"
    assert "ner" in rec.extractor.skipped and "ner" not in rec.extractor.steps
    for m in rec.mentions:
        assert UZ_LATIN[m.start:m.end] == m.text
    # "Toshkentda" (in Tashkent) is the same place as "Toshkent"
    assert sum(1 for m in rec.mentions if m.entity == next(e.id for e in rec.entities if e.name == "Toshkent")) == 2


def test_kazakh_is_identified_and_its_places_resolved():
    rec = communique.extract(KAZAKH)
    assert rec.document.language == "kk"
    assert {e.iso for e in rec.entities if e.type == "LOC"} >= {"KZ", "KG"}
    # one meeting, from the Kazakh trigger lexicon, with the date and the city of its sentence
    names = {e.id: e.name for e in rec.entities}
    assert [(e.type, e.status, e.start, names.get(e.location)) for e in rec.events] == [
        ("MEETING", "occurred", "2025-06-05", "Астана")]


def test_mixed_russian_english_document_runs_each_pipeline_on_its_own_paragraphs():
    rec = communique.extract(MIXED, published="2026-03-03")
    langs = set(rec.extractor.language.split("+"))
    assert langs == {"ru", "en"}
    names = {e.name for e in rec.entities if e.type == "PER"}
    assert "Пётр Гордеев" in names or "Петр Гордеев" in names
    assert "Petr Gordeev" in names
    meetings = [e for e in rec.events if e.type == "MEETING"]
    assert len(meetings) == 2 and {m.start for m in meetings} == {"2026-03-02"}
    assert any(e.type == "SIGNING" for e in rec.events)
    for m in rec.mentions:
        assert MIXED[m.start:m.end] == m.text
    ids = [e.id for e in rec.entities]
    assert len(ids) == len(set(ids))
    for ev in rec.events:
        assert ev.location is None or rec.entity(ev.location) is not None
        assert all(rec.entity(p.entity) is not None for p in ev.participants)


def test_chinese_text_is_identified_and_does_not_crash():
    rec = communique.extract("2026年4月27日，上海合作组织成员国信息通信技术部门负责人会议在比什凯克举行。")
    assert rec.document.language == "zh"
    assert "events" in rec.extractor.steps
    names = {e.id: e.name for e in rec.entities}
    assert [(e.type, e.start, names.get(e.location)) for e in rec.events] == [("MEETING", "2026-04-27", "比什凯克")]


def test_a_mixed_document_read_from_a_file_is_split_too():
    # a file's reader states the document's language; its English paragraph still goes to English
    from communique.extract.pipeline import extract_document
    from communique.ingest.formats import document_from_bytes

    doc = document_from_bytes(MIXED.encode("utf-8"), "mixed.txt")
    assert doc.language == "ru"
    rec = extract_document(doc)
    assert rec.extractor.language == "ru+en"
    assert rec.document.text == doc.text


def test_a_foreign_script_paragraph_is_what_sends_a_document_to_paragraph_identification():
    from communique.langid import foreign_script_paragraph

    ru = "Министр провёл встречу с делегацией в Москве и обсудил сотрудничество в сфере связи."
    en = "The minister met the delegation in London and discussed cooperation in telecommunications."
    assert not foreign_script_paragraph(ru + "\n\n" + ru, "ru")
    assert foreign_script_paragraph(ru + "\n\n" + en, "ru")
    assert foreign_script_paragraph(en + "\n\n" + ru, "en")
    assert not foreign_script_paragraph(en + "\n\nМосква", "en")  # too short to judge: no identification
