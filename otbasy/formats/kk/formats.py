# Kazakh formats, which Django does not ship. Dates are written day.month.year, the week starts on
# Monday, and numbers group thousands with a (non-breaking) space and use a decimal comma:
# 1 234 567,50. A month with its year is written year first, the month in lowercase: «2026 ж. қараша»;
# with its day, «8 наурыз». "E" is Django's other month name, which the project catalog gives in Kazakh
# in lowercase (otbasy/django_strings.py).
DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = r"Y \ж. E"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 25.10.2026
    "%d.%m.%y",  # 25.10.26
    "%Y-%m-%d",  # 2026-10-25, what <input type="date"> sends
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
