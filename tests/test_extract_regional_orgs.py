"""Government bodies in the region's languages on sentences written for these tests."""

import pytest

import communique


def bodies(text, lang):
    rec = communique.extract(text, language=lang)
    return {e.name: e.aliases for e in rec.entities if e.type == "ORG"}


@pytest.mark.parametrize("lang, text, name", [
    # a national body's acronym with a case ending, after its state's acronym
    ("ky", "Бул маалыматты КР ТИМдин басма сөз кызматы жарыялады.", "КР ТИМ"),
    ("kk", "Бұл туралы СІМ-нің баспасөз қызметі хабарлады.", "СІМ"),
    ("be", "Як паведамілі ў прэс-службе МЗС, бакі абмеркавалі супрацоўніцтва.", "МЗС"),
])
def test_a_national_body_by_its_acronym(lang, text, name):
    assert name in bodies(text, lang)


def test_an_acronym_is_the_body_the_text_names_in_full_first():
    text = ("Міністэрства замежных спраў Рэспублікі Беларусь і Міністэрства замежных спраў Каралеўства Нарвегія "
            "правялі кансультацыі. Як паведамілі ў МЗС, бакі абмеркавалі супрацоўніцтва.")
    found = bodies(text, "be")
    assert found["Міністэрства замежных спраў Рэспублікі Беларусь"] == ["МЗС"]
    assert "МЗС" not in found


def test_a_word_that_begins_with_an_acronyms_capitals_is_no_acronym():
    assert "ТИМ" not in bodies("ТИМУР командасы жеңди.", "ky")


@pytest.mark.parametrize("lang, text, name", [
    # a list of complements inside a head-first name: commas, then 'and' before the last
    ("be", "Міністр сустрэўся з кіраўніцтвам Міністэрства сельскай гаспадаркі, харчавання і лясной прамысловасці "
           "Рэспублікі Польшча, на якой абмяркоўваліся пытанні.",
     "Міністэрства сельскай гаспадаркі, харчавання і лясной прамысловасці Рэспублікі Польшча"),
    ("sr", "Наредно заседање Мешовитог комитета за научну и техничку сарадњу биће одржано у мају.",
     "Мешовити комитет за научну и техничку сарадњу"),
    # two places joined by 'and' end the name
    ("sr", "Podsetimo, Visoki savet za saradnju Srbije i Grčke osnovan je 2019. godine.",
     "Visoki savet za saradnju Srbije i Grčke"),
])
def test_a_head_first_name_holds_a_list(lang, text, name):
    assert name in bodies(text, lang)


def test_and_between_two_names_is_no_list():
    found = bodies("Ministarstvo finansija i Narodna banka Srbije potpisali su sporazum.", "sr")
    assert "Ministarstvo finansija" in found


def test_a_state_ends_a_head_first_name():
    text = "Споразум између Владе Републике Србије и Владе Републике Казахстан потписан је у Београду."
    found = bodies(text, "sr")
    assert not any("потписан" in name for name in found)


@pytest.mark.parametrize("lang, text, name", [
    # 'and' between two lower-case words inside a head-final name
    ("kk", "Кездесу қорытындысы бойынша Қазақстан Республикасының Ғылым және жоғары білім министрлігі "
           "меморандумға қол қойды.", "Қазақстан Республикасының Ғылым және жоғары білім министрлігі"),
    # an office and a university by their head nouns; a name may start with an article ("әл-")
    ("kk", "Делегация Ұлттық жасанды интеллект кеңсесінің өкілдерімен кездесті.", "Ұлттық жасанды интеллект кеңсесі"),
    ("kk", "Ертең делегация Алматыға барып, әл-Бируни атындағы Қазақ техникалық университетінің ғалымдарымен кездеседі.",
     "Әл-Бируни атындағы Қазақ техникалық университеті"),
])
def test_a_head_final_name(lang, text, name):
    assert name in bodies(text, lang)


def test_and_between_two_head_final_names_still_ends_the_first():
    found = bodies("Қаржы министрлігі және Ұлттық банк кездесті.", "kk")
    assert "Қаржы министрлігі" in found and not any("және" in n for n in found)


def test_an_acronym_before_the_head_is_the_body_named_in_full():
    text = ("Ўзбекистон АКТ вазирлиги ҳамда Қозоғистон Рақамли ривожланиш вазирлиги ҳамкорликни кенгайтиради. "
            "Ўзбекистон Ахборот технологиялари ва коммуникацияларини ривожлантириш вазирлиги ва Қозоғистон "
            "Рақамли ривожланиш вазирлиги меморандум имзолади.")
    found = bodies(text, "uz")
    full = "Ўзбекистон Ахборот технологиялари ва коммуникацияларини ривожлантириш вазирлиги"
    assert "Ўзбекистон АКТ вазирлиги" in found[full]
    assert "Ўзбекистон АКТ вазирлиги" not in found


def test_a_chinese_body_whose_fields_are_listed_with_the_enumeration_comma():
    rec = communique.extract("俄罗斯数字发展、通信和大众传媒部副部长伊万·彼得罗夫出席会议。", language="zh")
    assert {e.name for e in rec.entities if e.type == "ORG"} == {"俄罗斯数字发展、通信和大众传媒部"}
    person = next(e for e in rec.entities if e.type == "PER")
    assert [r.title for r in person.roles] == ["俄罗斯数字发展、通信和大众传媒部副部长"]


def test_chinese_bodies_joined_by_and_and_two_states_ministries():
    assert set(bodies("工业和信息化部、商务部和外交部共同发布通知。", "zh")) == {"工业和信息化部", "商务部", "外交部"}
    found = bodies("双方签署了《中华人民共和国外交部和白俄罗斯共和国外交部合作计划》。外交部发言人表示。", "zh")
    assert found == {"中华人民共和国外交部": ["外交部"], "白俄罗斯共和国外交部": []}


@pytest.mark.parametrize("text, name", [
    # a noun in "-ыя" inside a known body's name, in an oblique case
    ("Краіна стала назіральнікам пры Шанхайскай арганізацыі супрацоўніцтва ў мінулым годзе.",
     "Шанхайская арганізацыя супрацоўніцтва"),
    ("Летась краіна ўступіла ў Шанхайскую арганізацыю супрацоўніцтва.", "Шанхайская арганізацыя супрацоўніцтва"),
    # a short noun before the last word in an oblique case
    ("Дэлегацыя рыхтуецца да пасяджэння Савета міністраў замежных спраў СНД у кастрычніку.",
     "Савет міністраў замежных спраў СНД"),
])
def test_a_known_body_in_an_oblique_case_in_belarusian(text, name):
    assert name in bodies(text, "be")


def test_a_body_repeated_without_its_organizations_acronym_is_the_same_body():
    text = ("Пасяджэнне Савета кіраўнікоў урадаў СНД прайшло ў Мінску. Наступнае пасяджэнне Савета "
            "кіраўнікоў урадаў адбудзецца ўвосень.")
    found = bodies(text, "be")
    assert list(found).count("Савет кіраўнікоў урадаў") == 0
    assert "Савет кіраўнікоў урадаў СНД" in found


@pytest.mark.parametrize("text, name", [
    ("2025年，中国—中亚合作论坛秘书处在西安揭牌。", "中国—中亚合作论坛秘书处"),
    ("东盟秘书处代表出席会议。", "东盟秘书处"),
])
def test_a_chinese_secretariat_and_a_partnership_across_a_dash(text, name):
    assert name in bodies(text, "zh")


def places(text, lang):
    rec = communique.extract(text, language=lang)
    return {e.name for e in rec.entities if e.type == "LOC"}


@pytest.mark.parametrize("lang, text, name", [
    # an adjective of a city after a velar is no case of the city: the body's name starts there
    ("be", "Па выніках сустрэчы Брэсцкі абласны выканаўчы камітэт і кампанія падпісалі пагадненне.",
     "Брэсцкі абласны выканаўчы камітэт"),
    ("be", "Пагадненне падпісалі Народны ўрад правінцыі Хунань і камітэт.", "Народны ўрад правінцыі Хунань"),
    ("be", "Законапраект разгледзелі ў Нацыянальным сходзе.", "Нацыянальны сход"),
    ("be", "Дэлегацыя наведала Парк навукі і тэхналогій.", "Парк навукі і тэхналогій"),
    ("be", "Сустрэча з кіраўніцтвам Камуністычнай партыі В'етнама прайшла ў Мінску.",
     "Камуністычная партыя В'етнама"),
    ("sr", "Delegacija Narodnog kongresa Indonezije boravi u Beogradu.", "Narodni kongres Indonezije"),
    ("sr", "Споразум са Међународним биром за мере је потписан.", "Међународни биро за мере"),
    ("sr", "Радио-телевизија Војводине потписала је уговор.", "Радио-телевизија Војводине"),
])
def test_more_heads_of_bodies_in_belarusian_and_serbian(lang, text, name):
    assert name in bodies(text, lang)


def test_a_noun_in_ija_opens_no_bodys_name():
    found = bodies("Delegaciji Narodnog kongresa Indonezije uručen je poklon.", "sr")
    assert "Narodni kongres Indonezije" in found and not any(n.startswith("Delegacij") for n in found)


def test_a_body_named_inside_another_body_is_found_too():
    found = bodies("Выступіў Старшыня Савета Рэспублікі Нацыянальнага сходу Рэспублікі Беларусь.", "be")
    assert "Нацыянальны сход Рэспублікі Беларусь" in found
    assert "Савет Рэспублікі Нацыянальнага сходу Рэспублікі Беларусь" in found


def test_a_place_in_ai_in_the_genitive():
    assert "Кітай" in places("Дэлегацыя правінцыі Кітая прыбыла ў Брэст.", "be")
    assert "Мінск" not in places("Мінскі завод павялічыў выпуск.", "be")


@pytest.mark.parametrize("lang, text, name", [
    ("be", "Учора ААТ «Гродна Азот» і ТАА «Лідскае піва» падпісалі дамову.", "Гродна Азот"),
    ("be", "Учора ААТ «Гродна Азот» і ТАА «Лідскае піва» падпісалі дамову.", "Лідскае піва"),
    ("sr", "Ugovor je potpisalo JP „Putevi Srbije”.", "Putevi Srbije"),
    ("sr", "Јавно предузеће „Србијагас” објавило је тендер.", "Јавно предузеће „Србијагас”"),
])
def test_a_company_by_its_legal_form_and_quoted_name(lang, text, name):
    assert name in bodies(text, lang)


def test_chinese_words_that_end_like_a_body_name_none():
    found = bodies("论坛走出了一条新型国际组织发展之路，各方共同应对百年变局和地区格局变化。", "zh")
    assert found == {}


def test_a_chinese_body_repeated_without_its_first_characters_is_the_same_body():
    text = "欧亚经济联盟政府间委员会在明斯克召开会议。会上，政府间委员会审议了多项决定。"
    found = bodies(text, "zh")
    assert [n for n in found if n.endswith("委员会")] == ["欧亚经济联盟政府间委员会"]


def test_a_chinese_base_and_a_partnership_across_a_fullwidth_hyphen():
    found = bodies("中国－东盟数字合作委员会与创新基地签署备忘录。金砖国家新工业革命伙伴关系创新基地在厦门启动。", "zh")
    assert "中国－东盟数字合作委员会" in found
    assert "金砖国家新工业革命伙伴关系创新基地" in found


def test_a_locative_with_a_changed_consonant():
    assert "Алма-Ата" in places("Дагавор быў падпісаны ў Алма-Аце ў 1991 годзе.", "be")


def test_a_serbian_centre_is_a_body():
    assert "Национални центар за кибербезбедност" in bodies(
        "Споразум је потписао Национални центар за кибербезбедност.", "sr")


def test_two_adjectives_joined_inside_a_belarusian_body_name():
    text = "Пасяджэнне Беларуска-кубінскай камісіі па гандлёва-эканамічным і навукова-тэхнічным супрацоўніцтве адбудзецца ў маі."
    assert "Беларуска-кубінская камісія па гандлёва-эканамічным і навукова-тэхнічным супрацоўніцтве" in bodies(text, "be")
