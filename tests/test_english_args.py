"""English event arguments on sentences written for them (fictional people and events): who tells of an
event is not in it, and the place of a venue named with its city."""

from communique.extract.english import EnglishPipeline
from communique.model import Document

PIPELINE = EnglishPipeline()


def facts(text, published=None):
    return PIPELINE(Document(id="t", text=text, published=published, language="en")).to_facts()


def events_of(f, type_):
    return [e for e in f["events"] if e["type"] == type_]


def test_the_sides_that_tell_of_a_meeting_ahead_do_not_take_part_in_it():
    f = facts("Foreign Minister of Kazakhstan Arman Tolegenov met Foreign Minister of Latvia Ilze Berzina "
              "in Riga on 10 November 2026. The next round of consultations will be held in Kazakhstan next "
              "year, the two sides said.", published="2026-11-11")
    ahead = next(e for e in events_of(f, "MEETING") if "next round" in e["evidence"])
    assert ahead["participants"] == []
    assert ahead["location"] == "Kazakhstan"


def test_a_venue_named_before_its_city_places_the_event_and_its_sub_events_in_the_city():
    f = facts("Latvia will host the 5th Meeting of Baltic Ministers of Transport on 14-15 September 2026 at "
              "Amber Hall, Riga, under Latvia's chairship. The ministers are expected to adopt a Joint "
              "Declaration on Rail Safety. The previous meeting of the ministers was held in Tallinn.",
              published="2026-08-28")
    meeting = events_of(f, "MEETING")[0]
    assert meeting["location"] == "Riga"
    assert events_of(f, "SIGNING")[0]["location"] == "Riga"


def test_a_former_name_does_not_rename_the_body_told_before():
    f = facts("The Organization of Turkic States (OTS) held a meeting of transport ministers in Baku on 2 June "
              "2026. The Organization of Turkic States, formerly the Cooperation Council of Turkic Speaking "
              "States, was established on 3 October 2009.", published="2026-06-03")
    assert [o["name"] for o in f["organizations"]] == ["Organization of Turkic States"]
    assert events_of(f, "FOUNDING")[0]["participants"] == ["Organization of Turkic States"]


def test_a_former_name_alone_names_the_body():
    f = facts("The Cooperation Council of Turkic Speaking States held a meeting of transport ministers in Baku "
              "on 2 June 2012.", published="2012-06-03")
    assert [o["name"] for o in f["organizations"]] == ["Cooperation Council of Turkic Speaking States"]


def test_envoys_who_agree_to_hold_a_round_ahead_are_not_its_participants():
    f = facts("Foreign Minister of Latvia Ilze Berzina held talks with Foreign Minister of Chile Pablo Rojas in "
              "Riga on 4 May 2026. The two ministers agreed to hold the next round of political consultations "
              "in Santiago in the autumn.", published="2026-05-05")
    ahead = next(e for e in events_of(f, "MEETING") if "next round" in e["evidence"])
    assert not {"Ilze Berzina", "Pablo Rojas"} & set(ahead["participants"])


def test_a_city_visited_places_the_visit_and_what_its_where_clause_tells():
    f = facts("Minister Arman Tolegenov is paying an official visit to China from 9 to 12 November 2026. He is "
              "also expected to visit Xi'an, where the Secretariat of the China-Central Asia Forum was "
              "inaugurated in 2024.", published="2026-11-10")
    later = next(e for e in events_of(f, "VISIT") if "Xi'an" in e["evidence"])
    assert later["location"] == "Xi'an"
    assert events_of(f, "FOUNDING")[0]["location"] == "Xi'an"


def test_he_is_also_expected_to_visit_names_the_person_told_before():
    f = facts("Minister Arman Tolegenov is paying an official visit to China from 9 to 12 November 2026. He is "
              "also expected to visit Xi'an.", published="2026-11-10")
    later = next(e for e in events_of(f, "VISIT") if "Xi'an" in e["evidence"])
    assert later["participants"] == ["Arman Tolegenov"]


def test_delegations_in_a_joined_attended_by_clause_take_part_in_the_meeting():
    f = facts("The Second Meeting of the Ministers of Transport of the Baltic Council took place on 2 June 2026 "
              "in Riga. The meeting was chaired by Ilze Berzina, Minister of Transport of Latvia, and attended "
              "by delegations of Estonia and Lithuania, as well as of Finland as an observer state.",
              published="2026-06-03")
    meeting = events_of(f, "MEETING")[0]
    assert {"Estonia", "Lithuania", "Finland"} <= set(meeting["participants"])


def test_a_president_leading_his_banks_delegation_is_the_banks_president():
    f = facts("President of Latvia Ilze Berzina received a delegation of the Nordic Investment Bank led by its "
              "President Anna Lund, who is in Riga.", published="2026-05-05")
    person = next(p for p in f["persons"] if p["name"] == "Anna Lund")
    assert person["roles"] == ["President of the Nordic Investment Bank"]


def test_a_head_of_government_told_without_a_name_is_a_title_of_the_premier_told_before():
    f = facts("Prime Minister of Latvia Ilze Berzina met with President of Chile Pablo Rojas on 4 May 2026. The "
              "Latvian head of government pointed out the dynamics of trade. The head of our state noted the "
              "role of the technology park.", published="2026-05-05")
    roles = {p["name"]: p["roles"] for p in f["persons"]}
    assert "Latvian head of government" in roles["Ilze Berzina"]
    assert "head of our state" in roles["Pablo Rojas"]


def test_the_ministry_whose_press_service_tells_of_a_call_is_not_a_party_to_it():
    f = facts("Minister of Foreign Affairs of Latvia Ilze Berzina and her Chilean counterpart Pablo Rojas had a "
              "telephone conversation on 4 May 2026, the agency has learnt from the press service of the Latvian "
              "MFA.", published="2026-05-05")
    assert events_of(f, "CALL")[0]["participants"] == ["Ilze Berzina", "Pablo Rojas"]


def test_the_country_of_a_city_in_a_possessive_is_not_a_party():
    f = facts("The 2026 Nordic Digital Forum will be held in western Kazakhstan's Aktau from July 10 to 11, its "
              "organizers announced on Monday.", published="2026-06-30")
    assert "Kazakhstan" not in events_of(f, "FORUM")[0]["participants"]


def test_the_body_that_prepared_a_document_is_not_a_party_to_its_adoption():
    f = facts("On 4 May 2026 the ministers adopted the Roadmap on Digital Public Infrastructure, prepared by the "
              "International Telecommunication Union.", published="2026-05-05")
    assert events_of(f, "SIGNING")[0]["participants"] == []


def test_its_opening_session_is_a_session_of_the_forum_just_told():
    f = facts("RIGA, May 4 (LETA). President of Latvia Ilze Berzina received Foreign Minister of Chile Pablo "
              "Rojas, who is in Latvia on a working visit. Tomorrow, the Latvia-Chile business forum will be held "
              "in Liepaja. Pablo Rojas is expected to address its opening session.", published="2026-05-04")
    session = events_of(f, "SESSION")[0]
    forum = events_of(f, "FORUM")[0]
    assert session["parent"] == forum["id"]


def test_a_panel_of_ministers_from_listed_countries_has_the_countries_as_participants():
    f = facts("The Nordic Digital Forum opened in Riga on 4 May 2026. A high-level panel on data governance "
              "brought together ministers from Chile, Kenya and Malaysia.", published="2026-05-04")
    assert {"Chile", "Kenya", "Malaysia"} <= set(events_of(f, "SESSION")[0]["participants"])
