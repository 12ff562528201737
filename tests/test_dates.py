"""Date mentions and publication dates (communique.extract.dates)."""


import pytest

from communique.extract.dates import DateMention, find_dates
from communique.extract.published import find_published

PUB = "2025-06-10"  # a Tuesday


def _mention(text: str, span: str, published: str | None = PUB, lang: str = "ru") -> DateMention:
    """The mention whose text is exactly `span`; fails listing what was found otherwise."""
    found = find_dates(text, published, lang)
    hits = [m for m in found if m.text == span]
    assert hits, (
        f"{span!r} not found in {text!r}; got {[(m.text, m.value_start, m.value_end) for m in found]}"
    )
    return hits[0]


# (sentence, exact span of the mention, (value_start, value_end)) with published = PUB
RU_CASES = [
    ("Встреча глав государств состоялась в июле 2024 г. в Москве.", "июле 2024 г.", ("2024-07", None)),
    ("В 2019 году программа была продлена до конца десятилетия.", "2019 году", ("2019", None)),
    ("С 2019 года программа реализуется в 15 регионах страны.", "С 2019 года", ("2019", None)),
    ("Товарооборот в первом полугодии 2025 г. вырос на 14,5%.", "первом полугодии 2025 г.", ("2025", None)),
    ("Соглашение было подписано в октябре 2023 г. в Ташкенте.", "октябре 2023 г.", ("2023-10", None)),
    ("Форум пройдет 13 марта в Санкт-Петербурге.", "13 марта", ("2025-03-13", None)),
    ("Заседание комиссии пройдет 13–14 марта в Минске.", "13–14 марта", ("2025-03-13", "2025-03-14")),
    ("Визит запланирован на 5 июня.", "5 июня", ("2025-06-05", None)),
    ("Документ будет подписан в декабре текущего года.", "декабре текущего года", ("2025-12", None)),
    ("Реконструкция завершится в марте с.г.", "марте с.г.", ("2025-03", None)),
    ("Проект реализуется в текущем году.", "в текущем году", ("2025", None)),
    ("В прошлом году было реализовано 14 проектов.", "В прошлом году", ("2024", None)),
    ("В следующем году стороны проведут форум.", "В следующем году", ("2026", None)),
    ("В этом году делегация посетит Казань.", "В этом году", ("2025", None)),
    ("Вчера министр провел совещание с губернаторами.", "Вчера", ("2025-06-09", None)),
    ("Накануне министр провел переговоры с коллегой.", "Накануне", ("2025-06-09", None)),
    ("Сегодня в Доме Правительства прошло заседание.", "Сегодня", ("2025-06-10", None)),
    ("Завтра делегация отправится в Пекин.", "Завтра", ("2025-06-11", None)),
    ("Послезавтра начнется работа форума.", "Послезавтра", ("2025-06-12", None)),
    ("На прошлой неделе состоялась встреча министров.", "На прошлой неделе", ("2025-06-02", "2025-06-08")),
    ("На следующей неделе пройдут консультации.", "На следующей неделе", ("2025-06-16", "2025-06-22")),
    ("Отчет будет представлен в конце месяца.", "в конце месяца", ("2025-06", None)),
    ("Об этом было объявлено в начале месяца.", "в начале месяца", ("2025-06", None)),
    ("В этом месяце откроется новый центр.", "В этом месяце", ("2025-06", None)),
    ("В прошлом месяце было заключено соглашение.", "В прошлом месяце", ("2025-05", None)),
    (
        "Переговоры пройдут с 27 по 28 апреля 2026 г.",
        "с 27 по 28 апреля 2026 г.",
        ("2026-04-27", "2026-04-28"),
    ),
    ("Выставка прошла 27–28 апреля в Казани.", "27–28 апреля", ("2025-04-27", "2025-04-28")),
    ("Выставка прошла 27-28 апреля в Казани.", "27-28 апреля", ("2025-04-27", "2025-04-28")),
    ("Выставка прошла 27—28 апреля в Казани.", "27—28 апреля", ("2025-04-27", "2025-04-28")),
    ("Форум пройдет с 30 ноября по 1 декабря.", "с 30 ноября по 1 декабря", ("2025-11-30", "2025-12-01")),
    (
        "Форум пройдет с 30 ноября по 1 декабря 2026 г. в Минске.",
        "с 30 ноября по 1 декабря 2026 г.",
        ("2026-11-30", "2026-12-01"),
    ),
    (
        "Каникулы продлятся с 30 декабря 2024 г. по 2 января 2025 г.",
        "с 30 декабря 2024 г. по 2 января 2025 г.",
        ("2024-12-30", "2025-01-02"),
    ),
    (
        "Фестиваль пройдет с 30 декабря по 2 января 2026 года.",
        "с 30 декабря по 2 января 2026 года",
        ("2025-12-30", "2026-01-02"),
    ),
    ("Учения проходили 10–13 марта.", "10–13 марта", ("2025-03-10", "2025-03-13")),
    ("Ярмарка пройдет с 3 по 5 июня с.г. на ВДНХ.", "с 3 по 5 июня с.г.", ("2025-06-03", "2025-06-05")),
    ("Конференция состоялась 3-5 июня 2025 года.", "3-5 июня 2025 года", ("2025-06-03", "2025-06-05")),
    ("Утверждена программа на 2024–2026 годы.", "2024–2026 годы", ("2024", "2026")),
    ("В 2024-2025 гг. планируется построить 20 школ.", "2024-2025 гг.", ("2024", "2025")),
    ("С 2020 по 2024 год объем вырос вдвое.", "С 2020 по 2024 год", ("2020", "2024")),
    ("Приказ подписан 12.03.2025 и вступил в силу.", "12.03.2025", ("2025-03-12", None)),
    ("Приказ от 12.03.2025 г. № 45 опубликован.", "12.03.2025 г.", ("2025-03-12", None)),
    ("Дата регистрации 2025-04-16 указана в реестре.", "2025-04-16", ("2025-04-16", None)),
    ("Договор был подписан 12 марта 2025 года в Москве.", "12 марта 2025 года", ("2025-03-12", None)),
    ("Указ от 12 марта 2025 г. № 123 вступил в силу.", "12 марта 2025 г.", ("2025-03-12", None)),
    ("Заседание назначено на 12-го марта.", "12-го марта", ("2025-03-12", None)),
    ("Занятия начнутся 1-го сентября.", "1-го сентября", ("2025-09-01", None)),
    ("Праздник отмечается 1-е мая.", "1-е мая", ("2025-05-01", None)),
    ("Поставки намечены на май 2025 г.", "май 2025 г.", ("2025-05", None)),
    ("Отчет был готов в апреле.", "апреле", ("2025-04", None)),
    ("Завод был основан в 2001 году.", "2001 году", ("2001", None)),
    ("Здание построено в 2001 г. по проекту архитектора.", "2001 г.", ("2001", None)),
    ("Организация создана в 1993-м и с тех пор расширилась.", "1993-м", ("1993", None)),
    ("Прием заявок продлится до 20 мая.", "до 20 мая", (None, "2025-05-20")),
    ("Заявки принимаются по 20 мая включительно.", "по 20 мая", (None, "2025-05-20")),
    ("Стратегия рассчитана на период до 2030 года.", "до 2030 года", (None, "2030")),
    ("К 2030 году доля возрастет до 40 процентов.", "К 2030 году", (None, "2030")),
    ("Отчет представить не позднее 1 июля 2025 г.", "не позднее 1 июля 2025 г.", (None, "2025-07-01")),
    ("Новые правила действуют с 1 января 2025 г.", "с 1 января 2025 г.", ("2025-01-01", None)),
    ("Начиная с 1 марта, тарифы снижены.", "Начиная с 1 марта", ("2025-03-01", None)),
    ("Объем экспорта за январь–март 2025 г. вырос.", "январь–март 2025 г.", ("2025-01", "2025-03")),
    ("В январе-марте 2025 г. выпуск увеличился.", "январе-марте 2025 г.", ("2025-01", "2025-03")),
    ("Работы велись с января по март.", "с января по март", ("2025-01", "2025-03")),
    ("В I квартале 2025 года ВВП вырос.", "I квартале 2025 года", ("2025", None)),
    ("Во втором квартале 2024 г. спрос снизился.", "втором квартале 2024 г.", ("2024", None)),
    ("В III квартале текущего года завод запустят.", "III квартале текущего года", ("2025", None)),
    ("За 9 месяцев 2025 года поступило 300 заявок.", "9 месяцев 2025 года", ("2025", None)),
    ("Летом 2025 года откроется новый терминал.", "Летом 2025 года", ("2025", None)),
    ("Этим летом пройдет фестиваль.", "Этим летом", ("2025", None)),
    ("В 1990-х годах предприятие было приватизировано.", "1990-х годах", ("1990", "1999")),
    ("По сравнению с аналогичным периодом прошлого года рост составил 5%.", "прошлого года", ("2024", None)),
    ("Показатели выше уровня п.г. на 3%.", "п.г.", ("2024", None)),
    ("Работы завершатся до конца года.", "до конца года", (None, "2025")),
    ("С начала года поступило 120 обращений.", "С начала года", ("2025", None)),
    ("Работы завершатся до конца 2026 года.", "до конца 2026 года", (None, "2026")),
    ("Сессия пройдет в период с 1 по 10 октября.", "с 1 по 10 октября", ("2025-10-01", "2025-10-10")),
    (
        "Проверка проводилась с 12.03.2025 по 15.03.2025.",
        "с 12.03.2025 по 15.03.2025",
        ("2025-03-12", "2025-03-15"),
    ),
    ("Проверка проводилась 12–15.03.2025 в городе.", "12–15.03.2025", ("2025-03-12", "2025-03-15")),
    ("Сбор урожая 12 янв. 2025 г. завершен.", "12 янв. 2025 г.", ("2025-01-12", None)),
    ("МОСКВА, 5 НОЯБРЯ. Министр провел встречу.", "5 НОЯБРЯ", ("2025-11-05", None)),
    ("Итоги 2024 года подведены на коллегии.", "2024 года", ("2024", None)),
    ("Выпуск в 2025 году и 2026 году сохранится.", "2026 году", ("2026", None)),
    ("В середине марта ожидается решение.", "марта", ("2025-03", None)),
    ("29 февраля 2024 г. состоялось заседание.", "29 февраля 2024 г.", ("2024-02-29", None)),
]


@pytest.mark.parametrize(("text", "span", "values"), RU_CASES)
def test_ru_values(text, span, values):
    m = _mention(text, span)
    assert (m.value_start, m.value_end) == values


EN_CASES = [
    ("The talks were held on June 3-5, 2025 in Geneva.", "June 3-5, 2025", ("2025-06-03", "2025-06-05")),
    (
        "Consultations will take place from 14 to 17 April.",
        "from 14 to 17 April",
        ("2025-04-14", "2025-04-17"),
    ),
    ("The minister arrived in Riyadh on Sept. 8.", "Sept. 8", ("2025-09-08", None)),
    ("The agreement was signed on 8 September 2025 in Baku.", "8 September 2025", ("2025-09-08", None)),
    ("The agreement was signed on September 8, 2025, in Baku.", "September 8, 2025", ("2025-09-08", None)),
    ("The plant opened in October 2022 after two years.", "October 2022", ("2022-10", None)),
    ("In 2023 the two sides signed 12 agreements.", "2023", ("2023", None)),
    ("The countries have cooperated since 1993.", "since 1993", ("1993", None)),
    ("Yesterday the President received the credentials.", "Yesterday", ("2025-06-09", None)),
    ("The minister said today that talks would resume.", "today", ("2025-06-10", None)),
    ("The delegation will arrive tomorrow.", "tomorrow", ("2025-06-11", None)),
    ("The forum was held last week in Astana.", "last week", ("2025-06", None)),
    ("The ministers met earlier this month in Paris.", "earlier this month", ("2025-06", None)),
    ("The new centre will open next month.", "next month", ("2025-07", None)),
    ("Exports grew last month by 4 percent.", "last month", ("2025-05", None)),
    ("The summit took place on 27 June 2024.", "27 June 2024", ("2024-06-27", None)),
    ("The registry lists it as 2025-04-16.", "2025-04-16", ("2025-04-16", None)),
    ("The visit is planned for Jan. 15, 2026.", "Jan. 15, 2026", ("2026-01-15", None)),
    ("Applications are accepted until 20 May.", "until 20 May", (None, "2025-05-20")),
    ("Emissions will be halved by 2030.", "by 2030", (None, "2030")),
    ("The exhibition runs June 30 - July 2, 2025.", "June 30 - July 2, 2025", ("2025-06-30", "2025-07-02")),
    ("Talks were held between 14 and 17 April.", "between 14 and 17 April", ("2025-04-14", "2025-04-17")),
    ("The programme covers the years from 2020 to 2024.", "from 2020 to 2024", ("2020", "2024")),
    ("GDP grew in the first quarter of 2025.", "first quarter of 2025", ("2025", None)),
    ("Revenue rose in Q3 2024.", "Q3 2024", ("2024", None)),
    ("The company was founded in the 1990s.", "1990s", ("1990", "1999")),
    ("The elections are scheduled for May.", None, None),  # "for" is not a month context: nothing
    ("The mission will be deployed in May.", "May", ("2025-05", None)),
    ("The mission worked there in summer 2024.", "summer 2024", ("2024", None)),
    ("The plan will be adopted later this year.", "later this year", ("2025", None)),
    ("The report will be published by the end of the year.", "by the end of the year", (None, "2025")),
    ("The meeting took place the day before yesterday.", "the day before yesterday", ("2025-06-08", None)),
    ("The meeting is set for June 3rd, 2025.", "June 3rd, 2025", ("2025-06-03", None)),
    ("The meeting is set for the 3rd of June.", "3rd of June", ("2025-06-03", None)),
    ("Registration took place 12.03.2025 in the capital.", "12.03.2025", ("2025-03-12", None)),
    # two consecutive days joined by "and" are one period; two days apart stay two days
    ("The prince will visit Ruritania on 18 and 19 February.", "18 and 19 February", ("2025-02-18", "2025-02-19")),
    ("The office opens on 5 and 7 May.", "7 May", ("2025-05-07", None)),
    ("The commission last met in October last year.", "October last year", ("2024-10", None)),
    ("The road opens in March of next year.", "March of next year", ("2026-03", None)),
]


@pytest.mark.parametrize(("text", "span", "values"), EN_CASES)
def test_en_values(text, span, values):
    if span is None:
        assert find_dates(text, PUB, "en") == []
        return
    m = _mention(text, span, lang="en")
    assert (m.value_start, m.value_end) == values


# ---------------------------------------------------------------------------------------------
# Kinds and the relative flag
# ---------------------------------------------------------------------------------------------

KIND_CASES = [
    ("ru", "Встреча прошла 12 марта 2025 г.", "12 марта 2025 г.", "date", False),
    ("ru", "Встреча прошла 12 марта.", "12 марта", "date", True),
    ("ru", "Выставка прошла в июле 2024 г.", "июле 2024 г.", "month", False),
    ("ru", "Выставка пройдет в июле.", "июле", "month", True),
    ("ru", "Завод построен в 2001 году.", "2001 году", "year", False),
    ("ru", "Учения прошли 10–13 марта 2025 г.", "10–13 марта 2025 г.", "range", False),
    ("ru", "Заявки принимаются до 20 мая 2025 г.", "до 20 мая 2025 г.", "until", False),
    ("ru", "Программа действует с 2019 года.", "с 2019 года", "since", False),
    ("ru", "В первом полугодии 2025 г. рост составил 3%.", "первом полугодии 2025 г.", "period", False),
    ("ru", "Весной 2025 года начнется стройка.", "Весной 2025 года", "season", False),
    ("ru", "В 1990-е годы завод простаивал.", "1990-е годы", "decade", False),
    ("ru", "Вчера прошло заседание.", "Вчера", "relative", True),
    ("ru", "В прошлом году открыли 5 школ.", "В прошлом году", "relative", True),
    ("en", "The talks ended on June 3, 2025.", "June 3, 2025", "date", False),
    ("en", "The talks ended last week.", "last week", "relative", True),
    ("en", "Cooperation has grown since 1993.", "since 1993", "since", False),
    ("en", "Funds must be spent by June 30.", "by June 30", "until", True),
]


@pytest.mark.parametrize(("lang", "text", "span", "kind", "relative"), KIND_CASES)
def test_kind_and_relative_flag(lang, text, span, kind, relative):
    m = _mention(text, span, lang=lang)
    assert m.kind == kind
    assert m.relative is relative


# ---------------------------------------------------------------------------------------------
# Without a publication date, whatever needs it is None (the mention is still returned)
# ---------------------------------------------------------------------------------------------

NO_PUB_CASES = [
    ("ru", "Форум пройдет 13 марта.", "13 марта"),
    ("ru", "Заседание пройдет 13–14 марта.", "13–14 марта"),
    ("ru", "Отчет будет готов в апреле.", "апреле"),
    ("ru", "Работы завершат в декабре текущего года.", "декабре текущего года"),
    ("ru", "Рост к уровню с.г. составил 2%.", "с.г."),
    ("ru", "Вчера министр провел совещание.", "Вчера"),
    ("ru", "Накануне делегации обменялись нотами.", "Накануне"),
    ("ru", "На прошлой неделе прошли консультации.", "На прошлой неделе"),
    ("ru", "В прошлом году открыли 5 школ.", "В прошлом году"),
    ("ru", "В текущем году план выполнен.", "В текущем году"),
    ("ru", "Прием заявок продлится до 20 мая.", "до 20 мая"),
    ("en", "Yesterday the minister met the press.", "Yesterday"),
    ("en", "The ministers met earlier this month.", "earlier this month"),
    ("en", "The minister arrived on Sept. 8.", "Sept. 8"),
    ("en", "The forum was held last week.", "last week"),
]


@pytest.mark.parametrize(("lang", "text", "span"), NO_PUB_CASES)
def test_relative_without_published_is_none(lang, text, span):
    m = _mention(text, span, published=None, lang=lang)
    assert m.relative is True
    assert m.value_start is None
    assert m.value_end is None


def test_absolute_dates_do_not_need_published():
    m = _mention("Договор подписан 12 марта 2025 г.", "12 марта 2025 г.", published=None)
    assert (m.value_start, m.relative) == ("2025-03-12", False)


def test_partial_published_resolves_what_it_can():
    # only the year is known: a year-relative phrase resolves, a day-relative one cannot
    assert (
        _mention("В прошлом году открыли 5 школ.", "В прошлом году", published="2025").value_start == "2024"
    )
    assert _mention("Вчера прошло заседание.", "Вчера", published="2025").value_start is None
    assert _mention(
        "В прошлом месяце прошло заседание.", "В прошлом месяце", published="2025-03"
    ).value_start == ("2025-02")


def test_bad_published_is_an_error():
    with pytest.raises(ValueError):
        find_dates("Вчера прошло заседание.", "вчера")


# ---------------------------------------------------------------------------------------------
# Weeks: Russian gives the Monday-Sunday range; English a month only when the whole week lies in it
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "published", "value"),
    [
        ("ru", "На прошлой неделе прошла встреча.", "На прошлой неделе", "2025-06-10", "2025-06-02"),
        ("ru", "На прошлой неделе прошла встреча.", "На прошлой неделе", "2025-06-03", "2025-05-26"),
        ("ru", "На прошлой неделе прошла встреча.", "На прошлой неделе", "2025-01-02", "2024-12-23"),
        ("ru", "На этой неделе прошла встреча.", "На этой неделе", "2025-01-02", "2024-12-30"),
        ("en", "The forum was held last week.", "last week", "2025-06-03", "2025"),
        ("en", "The forum will be held next week.", "next week", "2024-12-26", None),  # 30.12-05.01
        ("en", "The forum will be held next week.", "next week", "2025-06-10", "2025-06"),
    ],
)
def test_week_precision(lang, text, span, published, value):
    assert _mention(text, span, published=published, lang=lang).value_start == value


def test_ru_week_is_monday_to_sunday():
    m = _mention("На следующей неделе делегация посетит Казань.", "На следующей неделе", published="2024-12-26")
    assert (m.kind, m.value_start, m.value_end) == ("range", "2024-12-30", "2025-01-05")


def test_month_arithmetic_crosses_year():
    assert (
        _mention("В прошлом месяце прошла встреча.", "В прошлом месяце", "2025-01-15").value_start
        == "2024-12"
    )
    assert _mention("Exports fell last month.", "last month", "2025-01-15", "en").value_start == "2024-12"
    assert _mention("Вчера прошла встреча.", "Вчера", "2025-01-01").value_start == "2024-12-31"


# ---------------------------------------------------------------------------------------------
# Negatives: numbers and words that are not dates
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В мероприятии приняли участие более 20 000 человек."),
        ("ru", "Стороны выработали 14 общих предложений."),
        ("ru", "Развернуты сети 5G в 12 городах."),
        ("ru", "Стратегия 2030 одобрена советом."),
        ("ru", "Выделено 2025 млн рублей на 1 200 объектов."),
        ("ru", "Производство выросло в 2,5 раза, до 12.5 тыс. тонн."),
        ("ru", "Марта Ивановна поблагодарила коллег."),
        ("ru", "Накануне Дня Победы ветеранам вручили награды."),
        ("ru", "Информационное агентство «Россия сегодня» сообщило об этом."),
        ("ru", "Документ № 2025 зарегистрирован в течение года."),
        ("ru", "Звоните по телефону 8-800-2020-2024."),
        ("en", "The company hired 2025 workers and shipped 20,000 tonnes."),
        ("en", "The G20 discussed COVID-19 and the 5G rollout."),
        ("en", "Agenda 2030 was endorsed by 193 states."),
        ("en", "Prices may rise and exports may fall."),
        ("en", "USA Today reported the news."),
    ],
)
def test_not_dates(lang, text):
    assert find_dates(text, PUB, lang) == []


def test_capitalized_english_verb_is_not_a_month():
    # "May" as a sentence-initial modal, without day, year or month context
    assert find_dates("May the talks succeed.", PUB, "en") == []


def test_impossible_day_is_not_a_date():
    ms = find_dates("Заседание 31 июня 2025 г. не состоялось.", PUB)
    assert all(m.kind != "date" for m in ms)


# ---------------------------------------------------------------------------------------------
# Structure of the output
# ---------------------------------------------------------------------------------------------

LONG_RU = (
    "Москва, 12 марта 2025 г. – Министр иностранных дел провел переговоры с коллегой. Стороны обсудили "
    "итоги сотрудничества в 2024 году и планы на 2025–2027 годы. Товарооборот в первом полугодии 2025 г. "
    "вырос на 14,5 процента и превысил 20 000 млн долларов. Накануне делегации посетили выставку, "
    "которая пройдет с 27 по 28 апреля в Казани. Соглашение подписано 13 марта. Министр отметил, что "
    "в прошлом году было реализовано 14 общих проектов, в том числе в сфере связи 5G. "
)


def test_mentions_sorted_non_overlapping_and_consistent():
    text = LONG_RU * 3
    ms = find_dates(text, PUB)
    assert [m.text for m in ms[:8]] == [
        "12 марта 2025 г.",
        "2024 году",
        "2025–2027 годы",
        "первом полугодии 2025 г.",
        "Накануне",
        "с 27 по 28 апреля",
        "13 марта",
        "в прошлом году",
    ]
    assert len(ms) == 3 * 8
    for m in ms:
        assert text[m.start : m.end] == m.text
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start


def test_longest_reading_wins():
    ms = find_dates("Форум пройдет с 30 ноября по 1 декабря 2025 г. в Минске.", PUB)
    assert [m.text for m in ms] == ["с 30 ноября по 1 декабря 2025 г."]


# ---------------------------------------------------------------------------------------------
# find_published
# ---------------------------------------------------------------------------------------------

PUBLISHED_POSITIVE = [
    (
        "ru",
        "Министр провел встречу с послом\n12.03.2025\nВ ходе встречи обсуждались вопросы.",
        "2025-03-12",
        "12.03.2025",
    ),
    ("ru", "Заголовок новости\n27 июня 2024 г.\nТекст новости.", "2024-06-27", "27 июня 2024 г."),
    (
        "en",
        "Minister meets ambassador\nPublished: 2025-04-16\nThe minister met...",
        "2025-04-16",
        "2025-04-16",
    ),
    ("ru", "Заголовок\nДата: 2024-11-22\nТекст.", "2024-11-22", "2024-11-22"),
    ("en", "Trade talks\nPosted: 27 June 2024\nThe talks began.", "2024-06-27", "27 June 2024"),
    ("ru", "Заголовок\nОпубликовано 3 мая 2025\nТекст.", "2025-05-03", "3 мая 2025"),
    (
        "ru",
        "Встреча лидеров\n\nПекин, 18 сентября 2024 г. – Председатель КНР провел встречу.",
        "2024-09-18",
        "18 сентября 2024 г.",
    ),
    ("en", "WASHINGTON, June 3, 2025 — The Secretary met the Minister.", "2025-06-03", "June 3, 2025"),
    ("ru", "Заголовок\nвторник, 12 марта 2025, 15:30\nТекст.", "2025-03-12", "12 марта 2025"),
    ("ru", "Заголовок\nТекст новости.\nЕще абзац.\n15 июля 2025 г.", "2025-07-15", "15 июля 2025 г."),
    (
        "ru",
        "Заголовок\nТекст новости.\nЕще абзац.\nПресс-служба министерства связи, 15.07.2025",
        "2025-07-15",
        "15.07.2025",
    ),
    ("ru", "**Гродно, 14 мая 2025 г.**\nСовещание прошло в облисполкоме.", "2025-05-14", "14 мая 2025 г."),  # Markdown
    ("en", "*Tashkent, 9 June 2025* — The delegation arrived.", "2025-06-09", "9 June 2025"),
]


@pytest.mark.parametrize(("lang", "text", "iso", "span"), PUBLISHED_POSITIVE)
def test_find_published(lang, text, iso, span):
    got = find_published(text, lang)
    assert got is not None
    assert got[0] == iso
    assert text[got[1] : got[2]] == span


PUBLISHED_NEGATIVE = [
    ("ru", "Заголовок\n\nМОСКВА, 5 ноября. Министр провел встречу 3 ноября 2025 г. в Кремле."),
    ("en", "Headline\n\nBaku, 4 March, AZERTAC. The minister met his counterpart on 3 March 2025."),
    ("ru", "Заголовок\nВстреча пройдет 12 марта 2025 г. в Москве.\nТекст."),
    ("ru", "Заголовок\nДата проведения: 12 марта 2025 г.\nТекст."),
    ("ru", "Итоги 2024 года\nВ 2024 году объем вырос."),
    ("en", "Talks in Geneva\nThe talks took place on June 3, 2025 in Geneva."),
]


@pytest.mark.parametrize(("lang", "text"), PUBLISHED_NEGATIVE)
def test_find_published_none(lang, text):
    assert find_published(text, lang) is None


def test_a_news_items_time_stamp_gives_the_publication_date():
    assert find_published("Главное\n14.02.2019 09:05 — Экономика\nВ Гомеле открылась выставка.")[0] == "2019-02-14"
    assert find_published("Материалы 3 апреля 2017 11:20 (UTC +03:00)\nТекст.")[0] == "2017-04-03"
    assert find_published("08.11.2021 | 16:45Вчера в Бресте прошла ярмарка.")[0] == "2021-11-08"
    # a clock time alone, or a date in the story with no clock beside it, is no stamp
    assert find_published("В 10:00 в Гомеле открылась выставка 14 февраля 2019 года.") is None


def test_a_weekday_after_v_is_the_last_such_day_up_to_publication():
    (m,) = find_dates("Министр в четверг провел встречу.", "2031-05-09")  # a Friday
    assert m.value_start == "2031-05-08" and m.text == "четверг"
    (m,) = find_dates("Во вторник министр провел встречу.", "2031-05-06")  # a Tuesday
    assert m.value_start == "2031-05-06"
    assert find_dates("Во вторник министр провел встречу.", None) == []
    assert find_dates("Четверг выдался дождливым.", "2031-05-09") == []
