# English as written in Belgium and the rest of Europe: "1 September 2026", a 24-hour clock
# (Django's own English formats are American: "Sept. 1, 2026, 2:30 p.m.").
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
