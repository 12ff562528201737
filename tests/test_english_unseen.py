"""English facts on release shapes met in unseen text (sentences written for these tests, fictional people):
a section label before the date line, Indian honorifics, a surname that is also a city, a body's short
name before a lower-case title, a family name told first, and who tells of an event not taking part in it."""

from communique.extract.english import EnglishPipeline
from communique.model import Document

PIPELINE = EnglishPipeline()


def facts(text, published=None):
    return PIPELINE(Document(id="t", text=text, published=published, language="en")).to_facts()


def person(f, name):
    return next(p for p in f["persons"] if p["name"] == name)


def events_of(f, type_):
    return [e for e in f["events"] if e["type"] == type_]


def test_a_section_label_before_the_date_line_gives_the_publication_date():
    f = facts("Ministry of Transport of Ruritania\nNews | 14 April 2027\n\nThe Minister of Transport held a "
              "video conference today with his Latvian counterpart.")
    assert f["published"] == "2027-04-14"


def test_shri_is_an_honorific_and_union_minister_a_title():
    f = facts("The Union Minister of Coal Shri Vikram Singh Rawat met the Minister of Energy of Chile Pablo "
              "Ortiz Lima and the Deputy Minister of Energy of Peru Luis Garrido in New Delhi on 3 May 2027.")
    assert person(f, "Vikram Singh Rawat")["roles"] == ["Union Minister of Coal"]
    assert person(f, "Pablo Ortiz Lima")["roles"] == ["Minister of Energy of Chile"]
    assert "Lima" not in [loc["name"] for loc in f["locations"]]


def test_a_spokesperson_of_a_ministry_named_short_and_his_family_name_alone():
    f = facts("BEIJING, May 4 -- President of Mongolia Batbayar Ganzorig will pay a state visit to China from "
              "May 10 to 12, Foreign Ministry spokesperson Zhao Minghui announced on Tuesday. Speaking at a "
              "regular press briefing, Zhao said the two presidents would hold talks in Beijing.")
    assert person(f, "Zhao Minghui")["roles"] == ["Foreign Ministry spokesperson"]
    visit = events_of(f, "VISIT")[0]
    assert visit["participants"] == ["Batbayar Ganzorig"]
    speech = events_of(f, "SPEECH")[0]
    assert speech["participants"] == ["Zhao Minghui"]
    talks = events_of(f, "MEETING")[0]
    assert "Zhao Minghui" not in talks["participants"]


def test_malaysian_honorifics_stand_between_the_title_and_the_name():
    f = facts("On 5 May 2027, the Minister of Trade of Malaysia Dato' Seri Hafiz Kamarudin met the Minister of "
              "Economy of Latvia Janis Ozols in Riga.")
    assert person(f, "Hafiz Kamarudin")["roles"] == ["Minister of Trade of Malaysia"]


def test_parties_that_approve_a_titled_document_sign_it_and_a_body_approving_a_plan_does_not():
    f = facts("Minister of Health of Latvia Anna Berzina held a video conference today with Minister of Health "
              "of Estonia Kadri Tamm. Following the video conference, the parties approved a Roadmap for "
              "Cooperation in Healthcare for 2027–2028. The board will meet in May to approve the annual work "
              "plan.", published="2027-03-02")
    signing = events_of(f, "SIGNING")
    assert len(signing) == 1 and "Roadmap" in signing[0]["evidence"]
    assert f["agreements"][0]["signed"] == "2027-03-02"


def test_one_signing_for_a_sentence_that_adopts_one_document_and_endorses_another():
    f = facts("At the end of the meeting in Riga on 4 May 2027, the Ministers of the Baltic Council adopted the "
              "Riga Declaration and endorsed the Action Plan on Transport for 2027-2029.", published="2027-05-05")
    assert len(events_of(f, "SIGNING")) == 1
    assert len(f["agreements"]) == 2


def test_a_forum_word_before_hall_names_a_building():
    f = facts("The memorandum was signed on 4 May 2027 on the sidelines of the Riga Investment Forum at the "
              "Riga Congress Hall.", published="2027-05-05")
    assert [e["name"] for e in events_of(f, "FORUM")] == ["Riga Investment Forum"]


def test_who_signs_a_document_told_before_on_the_sidelines_of_a_forum_signs_it_and_is_not_at_the_forum():
    f = facts("RIGA, 2 June 2027 – The Ministry of Economy of Latvia and the World Bank today signed a project "
              "agreement on solar power. The document was signed by Deputy Minister of Economy Janis Ozols and "
              "World Bank Country Director Anna Kowalska on the sidelines of the Riga Investment Forum.",
              published="2027-06-02")
    signing = events_of(f, "SIGNING")[0]
    assert {"Janis Ozols", "Anna Kowalska"} <= set(signing["participants"])
    assert events_of(f, "FORUM")[0]["participants"] == []


def test_a_document_valid_until_a_year_is_not_signed_then():
    f = facts("The ministers met in Riga on 4 May 2027. At the conclusion of the meeting the ministers endorsed "
              "the Roadmap for Baltic Energy Cooperation until 2035.", published="2027-05-05")
    signing = events_of(f, "SIGNING")[0]
    assert signing["start"] == "2027-05" or signing["start"] == "2027-05-04"
    assert signing["end"] is None


def test_the_ministry_whose_page_it_is_stays_an_organization_in_a_site_header():
    f = facts("News Bureau\nGovernment of Ruritania\nMinistry of Coal\n\nRedford, 4 May 2027\n\nThe Minister of "
              "Coal met the Ambassador of Chile in Redford today.")
    names = [o["name"] for o in f["organizations"]]
    assert "Government of Ruritania" in names and "Ministry of Coal" in names
    assert "News Bureau" not in names


def test_a_facility_and_a_platform_are_bodies_and_the_republic_of_a_ministry_changes_no_body():
    f = facts("The project is financed by the Arctic Climate Facility (ACF). The ministers reviewed the work of "
              "the Baltic Energy Research Platform. The Ministry of Transport of the Republic of Latvia signed "
              "it. The Ministry of Transport of Latvia was established in 1990.", published="2027-05-05")
    names = [o["name"] for o in f["organizations"]]
    assert "Arctic Climate Facility" in names and "Baltic Energy Research Platform" in names
    assert len([n for n in names if n.startswith("Ministry of Transport")]) == 1


def test_an_acronym_after_a_council_of_a_body_names_the_body():
    f = facts("The ministers prepared a meeting of the Council of Defence Ministers of the Collective Security "
              "Treaty Organization (CSTO) in Minsk on 4 May 2027.", published="2027-05-05")
    orgs = {o["name"]: o["aliases"] for o in f["organizations"]}
    assert any("CSTO" in aliases and name.startswith("Collective") for name, aliases in orgs.items())
    assert "CSTO" not in orgs["Council of Defence Ministers of the Collective Security Treaty Organization"]
    meeting = events_of(f, "MEETING")[0]
    assert meeting["participants"] == ["Council of Defence Ministers of the Collective Security Treaty Organization"]


def test_the_ministers_who_sign_are_those_named_so_far_and_not_the_bodies_of_the_title():
    f = facts("During the visit on 4 May 2027, the Minister of Trade of Latvia Janis Ozols held talks with the "
              "Minister of Trade of Malaysia Hafiz Kamarudin. Following the talks, the ministers signed a "
              "Memorandum of Understanding between the Ministry of Economy of Latvia and the Ministry of Trade "
              "of Malaysia. Janis Ozols was also received by the Prime Minister of Malaysia Rosli Hamid.",
              published="2027-05-05")
    signing = events_of(f, "SIGNING")[0]
    assert signing["participants"] == ["Janis Ozols", "Hafiz Kamarudin"]
    assert len(f["agreements"][0]["parties"]) == 2


def test_travel_to_a_city_during_a_visit_is_a_visit_and_an_invitation_to_join_is_no_accession():
    f = facts("President of Latvia Janis Ozols will pay a state visit to Japan from 12 to 15 March 2027. During "
              "the visit, Ozols is also scheduled to travel to Osaka, where he will tour a port. He invited Japan "
              "to join the Baltic Hydrogen Alliance.", published="2027-03-01")
    assert [e["location"] for e in events_of(f, "VISIT")] == ["Japan", "Osaka"]
    assert events_of(f, "ACCESSION") == []


def test_a_headline_after_a_site_header_and_a_dateline_with_blank_lines_is_no_story_sentence():
    f = facts("News Bureau\nGovernment of Ruritania\nMinistry of Coal\n\nRedford, 4 May 2027\n\nBaltic Coal "
              "Ministers adopt joint statement on mine safety\n\nThe Meeting of Baltic Coal Ministers was held "
              "today in Redford. At the end of the meeting the ministers adopted the Joint Statement of the "
              "Baltic Coal Ministers.")
    assert len(events_of(f, "SIGNING")) == 1
    assert len(f["agreements"]) == 1


def test_last_week_is_the_monday_to_sunday_range_and_who_discusses_a_visit_is_not_on_it():
    f = facts("Minister of Health of Latvia Anna Berzina held a video conference today with Minister of Health "
              "of Estonia Kadri Tamm. The ministers discussed the results of the working visit of the Latvian "
              "delegation to Tallinn and Tartu last week.", published="2027-10-28")
    visit = events_of(f, "VISIT")[0]
    assert (visit["start"], visit["end"]) == ("2027-10-18", "2027-10-24")
    assert "Anna Berzina" not in visit["participants"] and "Kadri Tamm" not in visit["participants"]


def test_a_summit_to_be_hosted_is_planned():
    f = facts("The Baltic Energy Ministers met in Riga on 4 May 2027. The outcomes were sent to the Baltic "
              "Leaders' Summit, to be hosted by Latvia later this year.", published="2027-05-05")
    summit = next(e for e in events_of(f, "MEETING") if "Summit" in e["evidence"])
    assert summit["status"] == "planned"


def test_a_forum_that_opened_yesterday_is_ongoing():
    f = facts("RIGA, 2 June 2027 – The memorandum was signed today by Deputy Minister of Economy Janis Ozols on "
              "the sidelines of the Riga Investment Forum, which opened yesterday.", published="2027-06-02")
    forum = events_of(f, "FORUM")[0]
    assert (forum["status"], forum["start"]) == ("ongoing", "2027-06-01")


def test_a_descriptive_title_after_an_opening_phrase_is_a_title_of_the_person_told_before():
    f = facts("On 21 January 2027, Minister of Foreign Affairs of the Republic of Latvia Janis Ozols paid an "
              "official visit to Malaysia. On 22 January, the Latvian Minister delivered a lecture at the "
              "Institute of Diplomacy.")
    assert "Latvian Minister" in person(f, "Janis Ozols")["roles"]


def test_the_subject_of_the_first_verb_meets_with_those_of_the_second():
    f = facts("Janis Ozols was also received by the Prime Minister of Malaysia Rosli Hamid on 5 May 2027, and met "
              "with the leadership of the Malaysian Trade Authority (MTA).", published="2027-05-06")
    second = events_of(f, "MEETING")[-1]
    assert set(second["participants"]) == {"Janis Ozols", "Malaysian Trade Authority"}


def test_a_trip_said_of_the_visit_told_before_is_that_visit():
    f = facts("President of Latvia Janis Ozols will pay a state visit to Japan from 12 to 15 March 2027. The visit "
              "will be the Latvian leader's first trip to Japan since 2019.", published="2027-03-01")
    assert len(events_of(f, "VISIT")) == 1


def test_the_inaugural_address_takes_place_at_the_meeting_told_before():
    f = facts("Riga, 19 May 2027\n\nThe Meeting of Baltic Energy Ministers was held today in Riga. The meeting was "
              "chaired by the Minister of Energy Janis Ozols. Delivering the inaugural address, Mr Ozols called "
              "for pooling expertise in grid storage.")
    speech = events_of(f, "SPEECH")[0]
    assert (speech["start"], speech["location"]) == ("2027-05-19", "Riga")


def test_a_day_without_a_year_takes_the_year_of_the_visit_told_before_when_the_text_has_no_date():
    f = facts("On 21-22 March 2027, Minister of Foreign Affairs of Latvia Janis Ozols paid an official visit to "
              "Malaysia. On 22 March, the Latvian Minister delivered a lecture at the Institute of Diplomacy.")
    speech = events_of(f, "SPEECH")[0]
    assert (speech["start"], speech["location"]) == ("2027-03-22", "Malaysia")


def test_this_year_is_the_year_of_the_text_when_it_gives_no_publication_date():
    f = facts("On 21-22 March 2027, Minister of Foreign Affairs of Latvia Janis Ozols paid an official visit to "
              "Malaysia. The sides agreed to hold the next round of consultations in Riga in the second half of "
              "this year.")
    ahead = next(e for e in events_of(f, "MEETING") if "next round" in e["evidence"])
    assert ahead["start"] == "2027"


def test_a_round_of_hyphenated_consultations_is_one_meeting():
    f = facts("The sides agreed to hold the next round of inter-ministerial political consultations in Riga in "
              "the second half of this year.", published="2027-03-22")
    assert len(events_of(f, "MEETING")) == 1


def test_agreeing_to_consider_establishing_a_council_is_a_planned_founding_and_discussing_it_is_not():
    f = facts("The sides agreed to hold the next round of consultations in Riga later this year and to consider "
              "establishing a bilateral business council.", published="2027-03-22")
    assert [e["status"] for e in events_of(f, "FOUNDING")] == ["planned"]
    g = facts("The sides discussed the possibility of establishing a joint fund.", published="2027-03-22")
    assert events_of(g, "FOUNDING") == []


def test_a_date_before_and_to_belongs_to_the_event_before_it():
    f = facts("On 21-22 March 2027, Minister of Foreign Affairs of Latvia Janis Ozols paid an official visit to "
              "Malaysia. The sides agreed to hold the next round of inter-ministerial political consultations "
              "in Ulaanbaatar in the second half of this year and to consider establishing a business council.")
    ahead = next(e for e in events_of(f, "MEETING") if "next round" in e["evidence"])
    assert ahead["start"] == "2027"
    assert events_of(f, "FOUNDING")[0]["start"] is None


def test_a_body_whose_work_is_reviewed_founds_what_the_which_clause_says_and_joins_nothing_else():
    f = facts("The ministers met in Riga on 4 May 2027. They also reviewed the work of the Baltic Energy Research "
              "Platform, which was set up in 2018 to bring together research centres.", published="2027-05-05")
    assert events_of(f, "FOUNDING")[0]["participants"] == ["Baltic Energy Research Platform"]
    assert "Baltic Energy Research Platform" not in events_of(f, "MEETING")[0]["participants"]


def test_the_ministerial_meeting_is_the_meeting_the_text_is_about_not_a_side_meeting():
    f = facts("Riga, 19 May 2027\n\nThe Meeting of Baltic Energy Ministers was held today in Riga. On the margins, "
              "Minister of Energy of Latvia Janis Ozols held bilateral meetings with the Minister of Energy of "
              "Estonia Kadri Tamm. Finland took part in the ministerial meeting for the first time.")
    meetings = events_of(f, "MEETING")
    assert "Finland" in meetings[0]["participants"]
    assert "Finland" not in meetings[1]["participants"]


def test_on_the_same_day_takes_the_day_of_the_talks_not_the_month_of_the_visit():
    f = facts("On 9 March 2027, Minister of Foreign Affairs of Ruritania Otto Brandl, who is on an official "
              "visit to Chile from 8 to 11 March, held talks with Minister of Foreign Affairs of Chile Pablo "
              "Ortiz in Santiago. On the same day, Otto Brandl was received by Vice President of Chile Lucia "
              "Herrera.", published="2027-03-10")
    received = [e for e in events_of(f, "MEETING") if "same day" in e["evidence"]]
    assert received and received[0]["start"] == "2027-03-09"


def test_a_body_ends_before_the_title_word_after_it_and_keeps_peoples_republic():
    f = facts("The ministers signed the Agreement between the Government of Ruritania and the Government of the "
              "Kyrgyz Republic on Cultural Exchanges for Students. Later, the minister met with Premier of the "
              "State Council of the People's Republic of China Wang Lei in Osh.", published="2027-03-02")
    names = [o["name"] for o in f["organizations"]]
    assert "Government of the Kyrgyz Republic" in names
    assert "State Council of the People's Republic of China" in names
    assert not any(n.endswith((" on", " People")) for n in names)


def test_a_title_before_a_bracketed_acronym_still_introduces_the_person():
    f = facts("Otto Brandl held a video call with Deputy Director-General of the International Labour "
              "Organization (ILO) Maria Fenwick.", published="2027-03-02")
    assert person(f, "Maria Fenwick")["roles"] == ["Deputy Director-General of the International Labour Organization"]


def test_a_lower_case_title_set_off_by_a_comma_introduces_the_person():
    f = facts("Minister of Health of Estonia Anna Kovacs spoke, and the deputy minister of labour and social "
              "protection of Moldova, Ion Rusu, briefed participants on pensions.", published="2027-03-02")
    assert person(f, "Ion Rusu")["roles"] == ["deputy minister of labour and social protection of Moldova"]


def test_members_of_parliament_before_a_list_of_names_are_each_a_member():
    f = facts("The delegation also included members of parliament Ilse Brandt and Karl Moser, as well as the "
              "Ambassador of Austria Franz Huber.", published="2027-03-02")
    assert person(f, "Ilse Brandt")["roles"] == ["member of parliament"]
    assert person(f, "Karl Moser")["roles"] == ["member of parliament"]


def test_the_head_of_the_latvian_government_is_a_role_of_latvias_prime_minister():
    f = facts("Prime Minister of Estonia Kaja Tamm met Prime Minister of Latvia Ivars Ozols in Riga. In his speech, "
              "the head of the Latvian government proposed new rail links.", published="2027-03-02")
    assert "head of the Latvian government" in person(f, "Ivars Ozols")["roles"]
    assert "head of the Latvian government" not in person(f, "Kaja Tamm")["roles"]


def test_the_estonian_energy_minister_is_a_role_of_estonias_minister_of_energy():
    f = facts("Minister of Energy of Estonia Kaja Tamm met Minister of Economy of Latvia Ivars Ozols in Riga. The "
              "Estonian energy minister noted that the parties had agreed on a cable.", published="2027-03-02")
    assert "Estonian energy minister" in person(f, "Kaja Tamm")["roles"]
    assert "Estonian energy minister" not in person(f, "Ivars Ozols")["roles"]
