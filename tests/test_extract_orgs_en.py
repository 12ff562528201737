"""Organizations in English releases: sentences written for these tests (invented people and places)."""

from communique.extract.english import EnglishPipeline
from communique.model import Document

PIPELINE = EnglishPipeline()


def org_names(text):
    f = PIPELINE(Document(id="t", text=text, published=None, language="en")).to_facts()
    return [o["name"] for o in f["organizations"]]


def test_a_group_named_by_letter_and_digits_is_found_in_a_list():
    names = org_names("The ministers welcomed the work of the United Nations, G20 and the World Bank on trade.")
    assert "Group of Twenty" in names


def test_a_hyphenated_former_name_links_to_the_known_body():
    names = org_names("Delegates of the Cooperation Council of Turkic-Speaking States met in Osh on Friday.")
    assert names == ["Cooperation Council of Turkic-Speaking States"]


def test_a_city_government_with_a_lowercase_level_and_head():
    names = org_names("The fair is co-organized by the Trade Office and the Harbin municipal government.")
    assert "Harbin municipal government" in names


def test_a_state_adjective_and_a_lowercase_head_alone_is_no_name():
    assert org_names("The Kazakh government approved the plan on Monday.") == []


def test_a_mechanism_of_places_and_its_permanent_secretariat():
    names = org_names(
        "They discussed the work of the Korea-Central Asia mechanism. Bolat Ermekov said Kazakhstan supports "
        "the permanent secretariat of the Korea-Central Asia mechanism, which was set up in 2020."
    )
    assert "Korea-Central Asia mechanism" in names
    assert "permanent secretariat of the Korea-Central Asia mechanism" in names


def test_the_government_and_people_of_a_state_is_its_government():
    names = org_names("He conveyed sympathy to the Government and people of Moldova over the floods.")
    assert names == ["Government of Moldova"]


def test_a_presidency_that_speaks_is_an_office_and_a_chairmanship_is_not():
    assert org_names("Lo Han will visit Baku, the Slovenian Presidency announced on Tuesday.") == [
        "Slovenian Presidency"]
    assert org_names("The talks will be held in May, the Presidency of Serbia said.") == ["Presidency of Serbia"]
    assert org_names("She outlined the priorities of the Brazilian Presidency: data and trade.") == []


def test_a_body_named_only_in_the_site_header_is_not_the_storys():
    header = "Lakeside University\nTrade flags\nTrade Information Centre\n\nDeclaration of the Ministers\n\n"
    assert org_names(header + "The ministers of the Arctic Council met in Oslo.") == ["Arctic Council"]
    # a name in the first line of a story with no such header stays
    names = org_names("Lakeside University\nThe ministers of the Arctic Council and Lakeside University met.")
    assert "Lakeside University" in names


def test_the_party_of_a_central_committee_is_a_body_too():
    names = org_names(
        "Lin, also a member of the Political Bureau of the Communist Party of Ruritania Central Committee, "
        "said the talks went well."
    )
    assert "Communist Party of Ruritania" in names
    assert "Political Bureau of the Communist Party of Ruritania" not in names
