"""/evaluations through app.py (AppTest): the office view, one cadre's form, conflicts."""

from sqlalchemy import select

from core import evaluations
from core.i18n import t
from db.models import Account, Evaluation
from db.session import reading, writing

YEAR = {"year": "2018"}


def open_cadre(url):
    """The demo's `canbo`: evaluation proposed by the ban leader, not yet confirmed."""
    with reading(url) as s:
        cadre_id = s.scalar(select(Account.cadre_id).where(Account.username == "canbo"))
        ev = s.scalar(select(Evaluation).where(Evaluation.cadre_id == cadre_id, Evaluation.year == 2018))
        return cadre_id, ev.version


def test_office_view_shows_the_cap_rule_a_chart_and_who_is_not_evaluated(app_as):
    at = app_as("lanhdao", page="evaluations", query=YEAR)
    assert not at.exception
    assert any("Nghị định 335/2025" in c.value for c in at.caption)
    assert at.get("vega_lite_chart")
    assert at.warning or at.success  # the cap's verdict, whichever it is
    assert any(t("evaluations.not_evaluated", "vi", count="").split("(")[0] in e.label for e in at.expander)


def test_ban_leader_proposes_a_rating_and_sees_it_in_the_history(app_as, demo_url):
    cadre_id, _ = open_cadre(demo_url)
    at = app_as("truongban", page="evaluations", query=YEAR)
    at.selectbox(key="ev_cadre").select(cadre_id).run()
    at.selectbox(key=f"ev_rating_{cadre_id}_2018").select("excellent")
    at.text_area(key=f"ev_comment_{cadre_id}_2018").input("Đi nhiều, báo cáo đúng hạn.")
    next(b for b in at.button if b.label == t("evaluations.action.propose", "vi")).click().run()
    assert not at.exception
    assert any(t("evaluations.done.propose", "vi") in s.value for s in at.success)
    history = next(d.value for d in at.dataframe if t("evaluations.history.who", "vi") in d.value.columns)
    assert list(history[t("evaluations.history.who", "vi")]) == ["truongban"]
    assert t("evaluations.action.confirm", "vi") not in [b.label for b in at.button]


def test_saving_after_someone_else_saved_shows_the_conflict_message(app_as, demo_url, actor_of):
    cadre_id, version = open_cadre(demo_url)
    at = app_as("truongban", page="evaluations", query=YEAR)
    at.selectbox(key="ev_cadre").select(cadre_id).run()
    with writing(demo_url) as s:
        evaluations.save(s, actor_of("lanhdao"), cadre_id, 2018, "propose", version, "good", "Sửa trước.")
    at.selectbox(key=f"ev_rating_{cadre_id}_2018").select("excellent")
    next(b for b in at.button if b.label == t("evaluations.action.propose", "vi")).click().run()
    assert t("error.conflict", "vi") in [e.value for e in at.error]
    with reading(demo_url) as s:
        ev = s.scalar(select(Evaluation).where(Evaluation.cadre_id == cadre_id, Evaluation.year == 2018))
        assert (ev.proposed_rating, ev.comment) == ("good", "Sửa trước.")


def test_a_rerun_between_someone_elses_save_and_mine_still_shows_the_conflict(app_as, demo_url, actor_of):
    """The version is the one the form was opened on, not the one read by the latest rerun: a
    click on anything else (a download, a filter) in between must not let the save overwrite."""
    cadre_id, version = open_cadre(demo_url)
    at = app_as("truongban", page="evaluations", query=YEAR)
    at.selectbox(key="ev_cadre").select(cadre_id).run()
    with writing(demo_url) as s:
        evaluations.save(s, actor_of("lanhdao"), cadre_id, 2018, "propose", version, "good", "Sửa trước.")
    at.run()  # another click of this leader: the page runs again, the form stays open
    at.selectbox(key=f"ev_rating_{cadre_id}_2018").select("excellent")
    next(b for b in at.button if b.label == t("evaluations.action.propose", "vi")).click().run()
    assert t("error.conflict", "vi") in [e.value for e in at.error]
    with reading(demo_url) as s:
        ev = s.scalar(select(Evaluation).where(Evaluation.cadre_id == cadre_id, Evaluation.year == 2018))
        assert (ev.proposed_rating, ev.comment) == ("good", "Sửa trước.")


def test_office_leader_confirms_which_locks_the_evaluation(app_as, demo_url):
    cadre_id, _ = open_cadre(demo_url)
    at = app_as("lanhdao", page="evaluations", query={**YEAR, "ban": "TC"})
    at.selectbox(key="ev_cadre").select(cadre_id).run()
    next(b for b in at.button if b.label == t("evaluations.action.confirm", "vi")).click().run()
    assert not at.exception
    assert [b.label for b in at.button if b.label.startswith("Mở lại")] == [
        t("evaluations.action.reopen", "vi")
    ]
    with reading(demo_url) as s:
        assert s.scalar(
            select(Evaluation.locked).where(Evaluation.cadre_id == cadre_id, Evaluation.year == 2018)
        )
    downloads = [d.proto.label for d in at.get("download_button")]
    assert downloads == [t("evaluations.export.xlsx", "vi"), t("evaluations.export.docx", "vi")]


def test_cadres_without_rights_cannot_open_the_page(app_as):
    at = app_as("canbo", page="evaluations", query=YEAR)
    assert [el.value for el in at.title] == [t("visits.title", "vi")]
