"""The money on /progress and /review (AppTest): spent against the pro-rated budget per ban,
in the Vietnamese number format; the budgets set on /admin by the admin and on /review by the
office leadership."""

import datetime as dt

from core import formatting, funding, policy
from core.i18n import t
from core.periods import Window
from db.session import reading
from ui.text import md

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}
TWO_MONTHS = Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))


def _figures(demo_url):
    with reading(demo_url) as s:
        return funding.funding(s, TWO_MONTHS)


def funding_table(at):
    """The per-ban funding table (the leader's queue of reports may be drawn above it)."""
    return next(d.value for d in at.dataframe if t("funding.spent", "vi") in d.value.columns)


def test_progress_shows_the_funding_per_ban_against_the_budget(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query={**WINDOW, "tab": "funding"})
    assert not at.exception
    figures = _figures(demo_url)
    assert figures.spent > 0 and figures.budget > 0  # the demo has both
    metrics = {m.label: m.value for m in at.metric}
    # (Markdown-escaped as the metric draws it: "486\\.000\\.000 đ" reads 486.000.000 đ.)
    assert metrics[t("funding.headline", "vi")] == md(formatting.vnd(figures.spent, "vi"))
    assert metrics[t("funding.budget", "vi")] == md(formatting.vnd(figures.budget, "vi"))
    assert metrics[t("funding.share", "vi")] == md(formatting.percent(figures.share, "vi"))
    table = funding_table(at)
    assert list(table[t("common.ban", "vi")]) == [b.name for b in figures.bans]
    assert list(table[t("funding.spent", "vi")]) == [formatting.vnd(b.spent, "vi") for b in figures.bans]


def test_progress_of_one_ban_shows_that_bans_money(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query={**WINDOW, "tab": "funding", "ban": "TC"})
    assert not at.exception
    table = funding_table(at)
    assert list(table[t("common.ban", "vi")]) == ["Ban Tổ chức"]


def test_review_shows_the_funding_and_lets_the_office_leader_set_the_budgets(app_as, demo_url):
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "funding"})
    assert not at.exception
    assert funding_table(at)[t("funding.spent", "vi")].iloc[0].endswith(" đ")
    first = next(n for n in at.text_input if n.label == "Văn phòng")
    assert first.value == "270.000.000"  # the demo's budget, its thousands written
    first.input("500.000.000")
    next(b for b in at.button if b.label == t("common.save", "vi")).click().run()
    assert not at.exception
    assert t("policy.budgets_saved", "vi", year=2018) in [s.value for s in at.success]
    with reading(demo_url) as s:
        assert dict(policy.for_year(s, 2018).ban_budgets)[int(first.key.rsplit("_", 1)[-1])] == 500_000_000


def test_a_ban_leader_reads_the_funding_but_sets_no_budget(app_as):
    at = app_as("truongban", page="review", query={**WINDOW, "tab": "funding"})
    assert not at.exception
    assert len(at.dataframe) == 1 and not [n for n in at.text_input if n.label == "Văn phòng"]


def test_the_admin_sets_the_budgets_with_the_years_policy(app_as, demo_url):
    at = app_as("quantri", page="admin", query={"tab": "policy"})
    at.selectbox(key="policy_year").select(2019).run()
    field = next(n for n in at.text_input if n.label == "Ban Kiểm tra")
    field.input("90000000")
    next(b for b in at.button if b.label == t("common.save", "vi") and "budgets" in b.form_id).click().run()
    assert not at.exception
    with reading(demo_url) as s:
        kept = dict(policy.for_year(s, 2019).ban_budgets)
    assert 90_000_000 in kept.values()


def test_a_budget_that_is_not_an_amount_is_refused_naming_the_ban(app_as, demo_url):
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "funding"})
    next(n for n in at.text_input if n.label == "Ban Kiểm tra").input("nhiều lắm")
    next(b for b in at.button if b.label == t("common.save", "vi")).click().run()
    assert not at.exception
    assert any("Ban Kiểm tra" in e.value for e in at.error)
    with reading(demo_url) as s:
        assert sorted(dict(policy.for_year(s, 2018).ban_budgets).values())[0] > 0  # as the demo set it


def test_a_window_across_the_new_year_says_how_each_years_budget_counts(app_as, demo_url):
    at = app_as(
        "lanhdao", page="progress", query={"from": "2018-12-01", "to": "2019-01-31", "tab": "funding"}
    )
    assert not at.exception
    assert t("funding.caption_years", "vi") in [c.value for c in at.caption]
    with reading(demo_url) as s:
        both = funding.funding(s, Window(dt.date(2018, 12, 1), dt.date(2019, 1, 31)))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("funding.budget", "vi")] == md(formatting.vnd(both.budget, "vi"))
