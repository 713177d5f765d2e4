import datetime as dt
import re
from pathlib import Path

from core import formatting
from core.i18n import CATALOGUE, set_language, t

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_has_vietnamese_and_english():
    for key, (vi, en) in CATALOGUE.items():
        assert vi.strip() and en.strip(), key


def test_placeholders_match_between_languages():
    # Quarters are written "quý II/2018" but "Q2/2018": the one intended difference.
    for key, (vi, en) in CATALOGUE.items():
        if key == "period.quarter":
            continue
        assert set(re.findall(r"{(\w+)}", vi)) == set(re.findall(r"{(\w+)}", en)), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for folder in ("app.py", "app_pages", "ui", "core"):
        for path in [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"""\btm?\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
            for pair in re.findall(
                r"""FieldError\(\s*["']([a-z_.]+)["'],\s*["']([a-z_.]+)["']""", path.read_text()
            ):
                used |= set(pair)
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert not missing, missing


def test_vietnamese_is_the_default_and_english_is_second():
    set_language("vi")
    assert t("nav.review") == "Sơ kết"
    set_language("en")
    assert t("nav.review") == "Review"
    set_language("xx")
    assert t("nav.review") == "Sơ kết"


def test_dates_are_written_day_month_year():
    assert formatting.date(dt.date(2018, 8, 9)) == "09/08/2018"
    assert formatting.dates(dt.date(2018, 12, 3), dt.date(2018, 12, 7)) == "03/12/2018 – 07/12/2018"


def test_quarters_use_roman_numerals_in_vietnamese():
    assert formatting.quarter(2018, 2, "vi") == "quý II/2018"
    assert formatting.quarter(2018, 4, "en") == "Q4/2018"


def test_numbers_follow_vietnamese_grouping():
    assert formatting.number(1234567, "vi") == "1.234.567"
    assert formatting.number(1234567, "en") == "1,234,567"
    assert formatting.percent(97 / 111, "vi").startswith("87,4")


def test_charts_write_numbers_as_the_headline_does():
    # d3-format's locale for the charts (Vega-Lite config.locale), from the same locale as number()
    vi, en = formatting.number_locale("vi"), formatting.number_locale("en")
    assert (vi["decimal"], vi["thousands"]) == (",", ".")
    assert (en["decimal"], en["thousands"]) == (".", ",")
    assert formatting.number(7000, "vi") == "7.000" and formatting.number(7000, "en") == "7,000"
    assert formatting.percent(0.9231, "vi") == "92,3%" and formatting.percent(0.9231, "en") == "92.3%"


def test_every_dashboard_chart_carries_the_number_locale_of_its_language():
    from core import charts
    from core.participation import Participation
    from core.progress import BanProgress
    from core.report_counts import ReportCounts

    rows = [BanProgress(1, "TC", "Ban Tổ chức", Participation(12, 11, 1090, 12), 1332, ReportCounts(5, 4, 1))]
    for lang in ("vi", "en"):
        for chart in (charts.participation(rows, lang), charts.days_against_target(rows, lang, large=True)):
            assert charts.spec(chart)["config"]["locale"]["number"] == formatting.number_locale(lang)


def test_the_projector_charts_write_large():
    from core import charts
    from core.participation import Participation
    from core.progress import BanProgress
    from core.report_counts import ReportCounts

    rows = [BanProgress(1, "TC", "Ban Tổ chức", Participation(12, 11, 1090, 12), 1332, ReportCounts(5, 4, 1))]
    config = charts.spec(charts.days_against_target(rows, "vi", large=True))["config"]
    assert config["axis"]["labelFontSize"] >= 24 and config["title"]["fontSize"] >= 28
