import datetime as dt

from core.exports.docx_layout import date_parts


def test_place_date_follows_decree_30_2020():
    assert date_parts(dt.date(2018, 8, 9), "vi") == {"day": "09", "month": "8", "year": "2018"}
    assert date_parts(dt.date(2018, 2, 15), "vi") == {"day": "15", "month": "02", "year": "2018"}
    assert date_parts(dt.date(2018, 1, 1), "vi")["month"] == "01"
    assert date_parts(dt.date(2018, 8, 9), "en")["month"] == "08"
