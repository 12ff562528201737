"""Rules of the region's languages added from the fourth written set's error classes (signings by "the
parties", title words, ...). Every sentence here was written for these tests; the names are made up."""

import pytest

from communique.extract.regional import RegionalPipeline
from communique.model import Document


def record(text, lang, published=None):
    return RegionalPipeline(lang)(Document(id="t", text=text, published=published))


def participants(rec, type_):
    names = {e.id: e.name for e in rec.entities}
    return [sorted(names[p.entity] for p in ev.participants) for ev in rec.events if ev.type == type_]


@pytest.mark.parametrize("lang, text", [
    ("ky", "Бүгүн Бишкекте Кыргыз Республикасынын саламаттык сактоо министри Азамат Токтосунович Мамбетов "
           "Казакстан Республикасынын саламаттык сактоо министри Ерлан Серикович Жумабеков менен жолугушту. "
           "Жолугушуунун жыйынтыгы боюнча тараптар медицина тармагында кызматташтык боюнча меморандумга кол коюшту."),
    ("sr", "Ministar zdravlja Petar Ilić sastao se danas u Beogradu sa ministrom zdravlja Republike Slovenije "
           "Markom Novakom. Nakon sastanka ministri su potpisali Memorandum o saradnji u oblasti zdravstva."),
])
def test_the_parties_who_sign_are_the_persons_of_the_meeting(lang, text):
    rec = record(text, lang)
    got = participants(rec, "SIGNING")
    persons = sorted(e.name for e in rec.entities if e.type == "PER")
    assert len(persons) == 2 and got == [persons]


def orgs(text, lang):
    return [e.name for e in record(text, lang).entities if e.type == "ORG"]


@pytest.mark.parametrize("lang, text, name", [
    ("be", "Учора ў Гродне адбылося пасяджэнне Савета па супрацоўніцтве ў галіне аховы здароўя дзяржаў – удзельніц СНД.",
     "Савет па супрацоўніцтве ў галіне аховы здароўя дзяржаў – удзельніц СНД"),
    ("be", "Дэпартамент па супрацоўніцтве ў эканамічнай сферы Выканаўчага камітэта СНД арганізаваў семінар.",
     "Дэпартамент па супрацоўніцтве ў эканамічнай сферы Выканаўчага камітэта СНД"),
    ("sr", "Savet za saradnju u oblasti energetike održao je juče sednicu.",
     "Savet za saradnju u oblasti energetike"),
])
def test_a_body_runs_on_over_its_field_and_the_body_it_belongs_to(lang, text, name):
    assert name in orgs(text, lang)


def test_a_field_after_a_state_ends_the_body():
    got = orgs("Ministarstvo spoljnih poslova Republike Srbije u oblasti kulture potpisalo je memorandum.", "sr")
    assert not any("oblasti" in n for n in got)


def persons(text, lang):
    return {e.name: [r.title if hasattr(r, "title") else r for r in e.roles]
            for e in record(text, lang).entities if e.type == "PER"}


@pytest.mark.parametrize("lang, text, name", [
    ("ky", "Бүгүн Бишкекте министр Азия өнүктүрүү банкынын Кыргызстан боюнча директору Мария Гонсалес менен жолугушту.",
     "Мария Гонсалес"),
    ("ky", "Министр Түркия Республикасынын вице-президенти Али Кемал Йылдыз менен жолугушту.", "Али Кемал Йылдыз"),
    ("kk", "Министр Еуропа Одағының Орталық Азия жөніндегі арнайы өкілі Пьер Дюран мырзамен кездесті.", "Пьер Дюран"),
    ("uz", "Kecha vazir Toshkentda Yevropa Ittifoqining Markaziy Osiyo boʻyicha maxsus vakili Pyer Dyuran bilan uchrashdi.",
     "Pyer Dyuran"),
    ("uz", "Кеча вазир Тошкентда Европа Иттифоқининг Марказий Осиё бўйича махсус вакили Пьер Дюран билан учрашди.",
     "Пьер Дюран"),
    ("be", "Дырэктар Дэпартамента па адукацыі Выканаўчага камітэта СНД Сяргей Іванавіч Камарэўскі выступіў з дакладам.",
     "Сяргей Іванавіч Камарэўскі"),
])
def test_director_representative_and_vice_president_vouch_for_a_name(lang, text, name):
    assert name in persons(text, lang)


def test_an_ambassador_extraordinary_and_plenipotentiary_vouches_for_a_name():
    got = persons("Вазири маориф Фаридун Каримович Олимзода бо Сафири Фавқулодда ва Мухтори Олмон дар Ҷумҳурии "
                  "Тоҷикистон Ханс Мюллер мулоқот кард.", "tg")
    assert got.get("Ханс Мюллер") == ["Сафири Фавқулодда ва Мухтори Олмон дар Ҷумҳурии Тоҷикистон"]


@pytest.mark.parametrize("text, name", [
    ("Учора ў Гомельскім дзяржаўным універсітэце адбыўся семінар.", "Гомельскі дзяржаўны універсітэт"),
    ("Круглы стол прайшоў у Міжнародным камітэце па энергетыцы.", "Міжнародны камітэт па энергетыцы"),
])
def test_a_belarusian_head_in_the_locative_with_its_changed_consonant(text, name):
    assert name in orgs(text, "be")


@pytest.mark.parametrize("lang, text, names", [
    ("sr", "Ministar će se sastati sa predstavnicima kompanije Siemens i kompanije Telekom Srbija.",
     {"Siemens", "Telekom Srbija"}),
    ("sr", "Министар ће се састати са представницима компаније Хуавеј и посетити Београд.", {"Хуавеј"}),
    ("kk", "Ертең министр Hyundai Motor және Kakao компанияларының басшыларымен кездеседі.", {"Hyundai Motor", "Kakao"}),
])
def test_companies_named_beside_the_word_company(lang, text, names):
    assert names <= set(orgs(text, lang))


def test_a_meeting_with_a_new_counterpart_is_a_new_meeting():
    rec = record("2026年6月3日，交通运输部部长张明在北京出席上海合作组织成员国交通部长会议。"
                 "会前，张明会见了哈萨克斯坦交通部部长阿斯兰·努尔兰诺夫。", "zh", "2026-06-04")
    assert sorted(["张明", "阿斯兰·努尔兰诺夫"]) in participants(rec, "MEETING")
    assert len(participants(rec, "MEETING")) == 2


@pytest.mark.parametrize("lang, text", [
    ("be", "Міністр прыняў удзел у цырымоніі адкрыцця Беларуска-кітайскага цэнтра інавацый."),
    ("sr", "Министар је подсетио да је Регионални центар за иновације у Нишу отворен у марту 2021. године."),
    ("sr", "Regionalni centar u Nišu otvoren je u martu 2021. godine."),
    ("ky", "Былтыр Бишкекте Санариптик өнүгүү борбору ачылды."),
])
def test_opening_a_centre_is_a_founding(lang, text):
    assert "FOUNDING" in [ev.type for ev in record(text, lang, "2026-03-05").events]


def test_a_gap_phrase_matches_its_words_only():
    from communique.extract.regional_events import Cue
    cue = Cue("адкрыцц ~ цэнтр")
    assert cue.length(["у", "цырымоніі", "адкрыцця", "беларускага", "цэнтра"], 2) == 3
    assert cue.length(["адкрыцця", "цэнтра"], 0) == 2
    assert cue.length(["адкрыцця", "выставы", "і", "форуму"], 0) == 0


def test_a_chinese_forum_lasting_three_days_ends_on_the_third():
    rec = record("新华社杭州5月10日电 第三届中国—东盟数字合作论坛5月9日在杭州开幕，论坛为期三天。", "zh", "2026-05-10")
    assert [(ev.type, ev.start, ev.end) for ev in rec.events] == [("FORUM", "2026-05-09", "2026-05-11")]


def test_the_opening_ceremony_of_a_forum_named_before_it_is_no_session():
    rec = record("6月5日，部长张明出席了在杭州举办的“中国—东盟数字合作论坛”开幕式并致辞。", "zh", "2026-06-06")
    assert sorted(ev.type for ev in rec.events) == ["FORUM", "SPEECH"]


def test_a_tajik_deputy_word_opens_the_title():
    got = persons("Дар ҷаласа Муовини Вазири савдои Ҷумҳурии Мардумии Чин Ли Минг ва Ҷонишини Сарвазири Ҷумҳурии "
                  "Тоҷикистон Фаридун Каримович Олимзода ширкат карданд.", "tg")
    assert got["Ли Минг"] == ["Муовини Вазири савдои Ҷумҳурии Мардумии Чин"]
    assert got["Фаридун Каримович Олимзода"] == ["Ҷонишини Сарвазири Ҷумҳурии Тоҷикистон"]


@pytest.mark.parametrize("lang, text, name", [
    ("ky", "Жолугушууга Дүйнөлүк банктын Борбордук Азия боюнча региондук директору Мария Гонсалес катышты.",
     "Дүйнөлүк банк"),
    ("uz", "Uchrashuvda Jahon bankining Markaziy Osiyo boʻyicha mintaqaviy direktori Mariya Gonsales ishtirok etdi.",
     "Jahon banki"),
    ("be", "Міністр сустрэўся з прадстаўнікамі Сусветнага банка.", "Сусветны банк"),
    ("sr", "Ministar se sastao sa predstavnicima Svetske banke.", "Svetska banka"),
])
def test_the_world_bank_in_the_regions_languages(lang, text, name):
    assert name in orgs(text, lang)


def test_he_who_holds_talks_with_someone_named_takes_part():
    rec = record("Міністр замежных спраў Рэспублікі Беларусь Максім Іванавіч Рыжанкоў прыбыў з візітам у Арменію. "
                 "Сёння ў Ерэване ён правёў перамовы з міністрам замежных спраў Арменіі Араратам Мірзаянам.", "be")
    assert ["Арарат Мірзаян", "Максім Іванавіч Рыжанкоў"] in participants(rec, "MEETING")


@pytest.mark.parametrize("lang, text", [
    ("uz", "Eslatib o‘tamiz, Turkiya 2012-yildan beri ShHTning muloqot bo‘yicha sherigi maqomiga ega."),
    ("uz", "Маълумот учун, Туркия 2012 йилдан буён ШҲТнинг мулоқот бўйича шериги мақомига эга."),
    ("be", "Нагадаем, у студзені 2025 года Казахстан стаў краінай-партнёрам БРІКС."),
])
def test_a_dialogue_partner_or_partner_country_is_an_accession(lang, text):
    assert [ev.type for ev in record(text, lang, "2026-03-05").events] == ["ACCESSION"]


@pytest.mark.parametrize("lang, text, name", [
    ("uz", "Туркия ШҲТга аъзо бўлди.", "Шанхай ҳамкорлик ташкилоти"),
    ("kk", "ТМДның саммиті өтті.", "Тәуелсіз Мемлекеттер Достастығы"),
])
def test_a_short_acronym_with_a_case_ending_written_on(lang, text, name):
    assert name in orgs(text, lang)


def test_a_title_without_a_name_is_the_person_of_that_title():
    rec = record("Ministarka zdravlja Jelena Petrović sastala se danas u Beogradu sa ministrom zdravlja Slovenije "
                 "Markom Novakom. Ministarka će početkom juna boraviti u Ljubljani.", "sr")
    assert participants(rec, "VISIT") == [["Jelena Petrović"]]


def test_a_title_word_beside_another_title_names_no_one():
    rec = record("Ministar zdravlja Petar Ilić sastao se danas u Beogradu sa ambasadorom Slovenije Markom Novakom. "
                 "Ministar je ambasadora pozvao da poseti Niš.", "sr")
    assert all("Petar Ilić" not in p for p in participants(rec, "VISIT"))


def places(text, lang):
    return [e.name for e in record(text, lang).entities if e.type == "LOC"]


@pytest.mark.parametrize("lang, text, name", [
    ("sr", "Министар ће наредне недеље боравити у Шенџену и у Нингбоу.", "Шенџен"),
    ("sr", "Ministar će boraviti u Ningbou.", "Ningbo"),
    ("kk", "Кеңес 2009 жылы Нахчыванда құрылды.", "Нахчыван"),
    ("uz", "2024 йил август ойида Шушада шартнома имзоланди.", "Шуша"),
    ("be", "Заўтра міністр наведае Хашымін.", "Хашымін"),
])
def test_cities_by_their_names_in_the_language(lang, text, name):
    assert name in places(text, lang)


def test_a_chinese_communique_and_an_agreement_signed_on_a_past_date():
    rec = record("会议期间，各方签署了《成员国交通部长会议联合公报》。中哈铁路政府间协定于2023年5月在西安签署。", "zh",
                 "2026-06-12")
    assert ("SIGNING", "occurred", "2023-05") in [(ev.type, ev.status, ev.start) for ev in rec.events]
    assert {("communique", "成员国交通部长会议联合公报"), ("agreement", "中哈铁路政府间协定")} \
        <= {(a.kind, a.title) for a in rec.agreements}


def test_a_signing_after_the_meeting_is_inside_the_meeting_held_not_the_one_planned():
    rec = record("Бүгін Астанада Қазақстан Республикасы Сыртқы істер министрі Ерлан Болатұлы Сейітов Түркия Сыртқы "
                 "істер министрі Мехмет Озтүрікпен кездесті. Кездесу барысында тараптар қазан айында Стамбулда "
                 "өтетін кеңес отырысына дайындықты талқылады. Кездесу қорытындысы бойынша ынтымақтастық туралы "
                 "меморандумға қол қойылды.", "kk", "2026-03-05")
    signing = [(ev.start, ev.location) for ev in rec.events if ev.type == "SIGNING"]
    names = {e.id: e.name for e in rec.entities}
    assert [(start[:7], names.get(loc)) for start, loc in signing] == [("2026-03", "Астана")]


@pytest.mark.parametrize("lang, text", [
    ("sr", "Министар Петар Илић ће наредне недеље боравити у Шенџену."),
    ("zh", "外交部长张明下周将访问法国。"),
    ("kk", "Министр келесі аптада Сеулге сапармен барады."),
])
def test_next_week_is_monday_to_sunday_of_the_next_week(lang, text):
    got = [(ev.start, ev.end) for ev in record(text, lang, "2025-12-03").events]
    assert got == [("2025-12-08", "2025-12-14")]


def test_an_instrumental_in_ijem_and_the_nominative_are_one_person():
    got = persons("Министар Петар Илић разговарао је са амбасадором Народне Републике Кине у Србији Ван Шенглијем. "
                  "Амбасадор Ван Шенгли пренео је позив министру.", "sr")
    assert got == {"Петар Илић": ["Министар"], "Ван Шенгли": ["амбасадор Народне Републике Кине у Србији"]}


def test_a_chinese_foreign_name_ends_before_yiji():
    got = persons("哈萨克斯坦卫生部部长古丽娜·阿曼别科娃以及世界卫生组织代表出席开幕式。", "zh")
    assert list(got) == ["古丽娜·阿曼别科娃"]


def test_kyrgyz_going_to_a_city_is_a_visit():
    rec = record("Эртең министр Ташкентке барып, өзбек кесиптеши менен жолугушат.", "ky", "2026-03-05")
    names = {e.id: e.name for e in rec.entities}
    assert ("VISIT", "planned", "Ташкент") in [(ev.type, ev.status, names.get(ev.location)) for ev in rec.events]


def test_yesterdays_event_with_an_invitation_in_it_is_over():
    rec = record("Кечээ А.Токтосунов Ошто өткөн Кыргыз-казак бизнес форумунда сөз сүйлөп, казак ишкерлерин "
                 "Кыргызстандагы эркин экономикалык аймактарга инвестиция салууга чакырды.", "ky", "2026-03-05")
    assert {(ev.type, ev.status) for ev in rec.events} >= {("FORUM", "occurred"), ("SPEECH", "occurred")}


@pytest.mark.parametrize("text", [
    "Кеча вазир Тошкентда Жаҳон банкининг вакили Пьер Дюран билан учрашди.",
    "Kecha vazir Toshkentda Jahon bankining vakili Pyer Dyuran bilan uchrashdi.",
])
def test_uzbek_yesterday(text):
    assert [(ev.type, ev.start) for ev in record(text, "uz", "2026-03-05").events] == [("MEETING", "2026-03-04")]


@pytest.mark.parametrize("lang, text, published, month", [
    ("uz", "Hujjatni kelgusi oyda Minskda imzolash rejalashtirilgan.", "2026-01-27", "2026-02"),
    ("zh", "张明下个月将访问法国。", "2026-12-03", "2027-01"),
])
def test_next_month_is_the_month_after_the_publication(lang, text, published, month):
    assert [ev.start for ev in record(text, lang, published).events] == [month]


def test_uzbek_kecha_inside_a_sentence_is_an_evening():
    assert [ev.start for ev in record("Universitetda adabiy kecha boʻldi.", "uz", "2026-03-05").events
            if ev.start] == []


def test_zh_foreign_surname_alone_is_the_full_name():
    text = ("外交部长会见哈萨克斯坦外交部副部长努尔兰别克\n\n"
            "2026年3月2日，外交部副部长陈文杰在北京会见哈萨克斯坦外交部副部长阿斯兰·努尔兰别克。"
            "据悉，努尔兰别克还将访问上海。")
    persons = sorted(e.name for e in record(text, "zh").entities if e.type == "PER")
    assert persons == ["阿斯兰·努尔兰别克", "陈文杰"]


def test_title_alone_names_the_one_person_who_holds_it():
    text = ("Сёння ў Гомелі адбылася сустрэча Міністра замежных спраў Рэспублікі Беларусь Сяргея Маркевіча "
            "з Генеральным сакратаром Шанхайскай арганізацыі супрацоўніцтва Русланам Ахметавым. "
            "Учора Генеральны сакратар выступіў з лекцыяй перад студэнтамі. "
            "Беларускі міністр нагадаў, што супрацоўніцтва развіваецца.")
    rec = record(text, "be", "2026-05-04")
    roles = {e.name: [r.title for r in e.roles] for e in rec.entities if e.type == "PER"}
    assert "Генеральны сакратар" in roles["Руслан Ахметаў"]
    assert "Беларускі міністр" in roles["Сяргей Маркевіч"]
    speech = [ev for ev in rec.events if ev.type == "SPEECH"]
    names = {e.id: e.name for e in rec.entities}
    assert speech and [names[p.entity] for p in speech[0].participants] == ["Руслан Ахметаў"]



@pytest.mark.parametrize("lang, text", [
    ("uz", "Toshkent, 2026-yil 14-aprel – Bugun Toshkentda Oʻzbekiston Respublikasi tashqi ishlar vaziri Sardor Qodirov "
           "Qozogʻiston Respublikasi tashqi ishlar vaziri Murat Sultanov bilan uchrashdi. "
           "Shu kuni Sardor Qodirov Qirgʻiziston tashqi ishlar vaziri Aziz Toktogulov bilan telefon orqali muloqot qildi."),
    ("kk", "Астана, 2026 жылғы 14 сәуір – Бүгін Астанада Қазақстан Республикасының Сыртқы істер министрі Ерлан Сағынов "
           "Өзбекстан Республикасының Сыртқы істер министрі Фарход Юлдашевпен кездесті. "
           "Сол күні Ерлан Сағынов Қырғызстанның Сыртқы істер министрі Азиз Токтогуловпен телефон арқылы сөйлесті."),
])
def test_same_day_takes_the_day_of_the_event_before(lang, text):
    rec = record(text, lang, "2026-04-14")
    calls = [ev for ev in rec.events if ev.type == "CALL"]
    assert calls and calls[0].start == "2026-04-14"


def test_tg_the_past_day_is_yesterday():
    text = ("Душанбе, 9 апрели соли 2026. Рӯзи гузашта Вазири корҳои хориҷии Ҷумҳурии Тоҷикистон Фаррух Саидзода "
            "дар Донишгоҳи миллии Тоҷикистон бо лексия баромад намуд.")
    rec = record(text, "tg", "2026-04-09")
    speech = [ev for ev in rec.events if ev.type == "SPEECH"]
    assert speech and speech[0].start == "2026-04-08"


def test_a_call_has_no_place():
    text = ("Јуче је министар трговине Марко Петровић телефоном разговарао са министром трговине Казахстана "
            "Ерланом Сериковим о припремама седнице комитета која ће бити одржана у Астани.")
    rec = record(text, "sr", "2026-04-09")
    calls = [ev for ev in rec.events if ev.type == "CALL"]
    assert calls and all(ev.location is None for ev in calls)


def test_headline_after_publisher_and_dateline_lines_is_the_body_event():
    text = ("Oʻzbekiston Respublikasi Tashqi ishlar vazirligi\n\nToshkent, 2026-yil 14-aprel\n\n"
            "Qozogʻiston delegatsiyasi bilan uchrashuv boʻlib oʻtdi\n\n"
            "Kecha Toshkentda Oʻzbekiston Respublikasi tashqi ishlar vaziri Sardor Qodirov "
            "Qozogʻiston Respublikasi tashqi ishlar vaziri Murat Sultanov bilan uchrashdi.")
    rec = record(text, "uz", "2026-04-14")
    assert len([ev for ev in rec.events if ev.type == "MEETING"]) == 1
