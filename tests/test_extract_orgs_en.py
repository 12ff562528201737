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
