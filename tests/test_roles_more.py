"""Job titles on shapes the first rules missed (sentences written for these tests, fictional people)."""

import communique


def facts(text, language):
    return communique.extract(text, language=language).to_facts()


def person(f, surname):
    return next(p for p in f["persons"] if p["name"].endswith(surname))


def test_ru_title_over_an_acronym_quote_initials_and_dlya_stran():
    f = facts("На форуме выступили директор по цифровым сервисам АО «Телесвязь» Марина Колесова "
              "и профессор Олег Бондарь.", "ru")
    assert person(f, "Колесова")["roles"] == ["директор по цифровым сервисам АО «Телесвязь»"]
    f = facts("Соглашение подписал проректор по науке Уральского горного института имени А.С. Попова "
              "Игорь Вершинин.", "ru")
    assert person(f, "Вершинин")["roles"] == ["проректор по науке Уральского горного института имени А.С. Попова"]
    f = facts("Министр провел встречу с руководителем Бюро ЮНЕСКО для стран Балтии Анной Лехтонен.", "ru")
    assert person(f, "Лехтонен")["roles"] == ["руководитель Бюро ЮНЕСКО для стран Балтии"]
