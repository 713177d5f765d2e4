"""Every form on a versioned record keeps the version it was opened with until it is saved or
reopened (ui.forms.form): someone else's save in between, followed by any other rerun of this
page (a download click, another button), makes this form's save a conflict, never an
overwrite. The evaluation and the meeting record are covered in test_evaluations.py and
test_review.py; the other kinds are here. Bans, cadres and the year's policy carry no version
in core (their edits are last-writer-wins, see SECURITY.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from core import proposals, registrations, reports, review_queue
from core.accounts import load_actor
from core.i18n import t
from db.models import Account, Proposal, Registration, TripReport
from db.session import reading, writing

WINDOW = {"from": "2018-06-01", "to": "2018-07-31"}
CONFLICT = t("error.conflict", "vi")


def _actor(url, username):
    with reading(url) as s:
        return load_actor(s, username)


def test_a_report_decision_after_the_report_changed_is_a_conflict(app_as, demo_url):
    """The leader read the report as it was sent; it was returned and sent again with other
    content meanwhile: accepting it now would accept what the leader did not read."""
    at = app_as("truongban", page="progress", query=WINDOW)
    with reading(demo_url) as s:
        item = review_queue.pending_reports(s, load_actor(s, "truongban")).items[0]
        report = s.get(TripReport, item.report_id)
        trip_id, cadre_id = report.trip_id, report.trip.cadre_id
        username = s.scalar(select(Account.username).where(Account.cadre_id == cadre_id))
    at.selectbox(key="queue_report").set_value(item.report_id).run()
    with writing(demo_url) as s:
        version = (
            reports.review(s, _actor(demo_url, "lanhdao"), item.report_id, "return", item.version, "Bổ sung.")
            and s.get(TripReport, item.report_id).version
        )
    cadre = _actor(demo_url, username) if username else None
    if cadre is not None:
        with writing(demo_url) as s:
            reports.save_report(
                s,
                cadre,
                trip_id,
                reports.ReportInput(findings="Nội dung khác."),
                version,
                "resend-1",
                submit=True,
            )
    else:  # a cadre without an account: the report is sent again through the database
        with writing(demo_url) as s:
            row = s.get(TripReport, item.report_id)
            row.state, row.findings, row.version = "submitted", "Nội dung khác.", row.version + 1
    at.run()  # another click of this leader: the page runs again, the report still picked
    at.button(key=f"accept_{item.report_id}").click().run()
    assert not at.exception
    assert CONFLICT in [e.value for e in at.error]
    with reading(demo_url) as s:
        assert s.get(TripReport, item.report_id).state == "submitted"


def test_registration_decisions_after_a_registration_changed_are_a_conflict(app_as, demo_url):
    at = app_as("lanhdao", page="progress", query=WINDOW)
    with reading(demo_url) as s:
        first = review_queue.pending_registrations(s, load_actor(s, "lanhdao")).items[0]
    at.multiselect(key="queue_registrations").set_value([first.registration_id]).run()
    with writing(demo_url) as s:  # the cadre changes the plan meanwhile
        row = s.get(Registration, first.registration_id)
        row.planned_days, row.version = (row.planned_days or 0) + 5, row.version + 1
    at.run()
    at.button(key="accept_registrations").click().run()
    assert not at.exception
    assert CONFLICT in [e.value for e in at.error]
    with reading(demo_url) as s:
        assert s.get(Registration, first.registration_id).state == "submitted"


def test_a_cadres_registration_updated_in_another_tab_is_not_overwritten(app_as, demo_url):
    at = app_as("canbo", page="visits", query={"year": "2018", "tab": "registration"})
    year, quarter = at.selectbox(key="reg_quarter").value
    prefix = f"registration_{year}_{quarter}_0_"
    at.number_input(key=prefix + "days").set_value(10)
    at.text_area(key=prefix + "places").input("Lào Cai")
    at.multiselect(key=prefix + "content").select("thematic")
    at.button(key=prefix + "save").click().run()
    assert not at.exception
    with reading(demo_url) as s:
        reg = s.scalar(
            select(Registration).where(
                Registration.year == year,
                Registration.quarter == quarter,
                Registration.cadre_id == at.session_state["actor"].cadre_id,
            )
        )
    # The same cadre updates it from a phone; this tab still shows the form opened before.
    prefix = f"registration_{year}_{quarter}_1_"
    at.run()
    with writing(demo_url) as s:
        registrations.save(
            s,
            _actor(demo_url, "canbo"),
            reg.cadre_id,
            registrations.RegistrationInput(year, quarter, 12, "Yên Bái", ("thematic",)),
            "phone-1",
            reg.id,
            reg.version,
        )
    at.run()
    at.number_input(key=prefix + "days").set_value(20)
    at.button(key=prefix + "save").click().run()
    assert CONFLICT in [e.value for e in at.error]
    with reading(demo_url) as s:
        assert (s.get(Registration, reg.id).planned_days, s.get(Registration, reg.id).places) == (
            12,
            "Yên Bái",
        )


def test_a_cadres_report_saved_in_another_tab_is_not_overwritten(app_as, demo_url):
    at = app_as("canbo", page="visits", query={"year": "2018", "tab": "report"})
    row = next(box for box in at.selectbox if box.key.startswith("report_trip")).value
    with reading(demo_url) as s:
        view = reports.report_for_trip(s, load_actor(s, "canbo"), row.id)
    with writing(demo_url) as s:
        reports.save_report(
            s,
            _actor(demo_url, "canbo"),
            row.id,
            reports.ReportInput(findings="Từ điện thoại."),
            view.version,
            "phone-2",
        )
    at.run()  # a click elsewhere on this page
    next(a for a in at.text_area if a.key.endswith("_findings")).input("Từ máy tính, trên bản cũ.")
    next(b for b in at.button if b.key and b.key.endswith("_draft")).click().run()
    assert CONFLICT in [e.value for e in at.error]
    with reading(demo_url) as s:
        assert s.scalar(select(TripReport.findings).where(TripReport.trip_id == row.id)) == "Từ điện thoại."


def test_a_proposal_follow_up_after_someone_else_followed_it_up_is_a_conflict(app_as, demo_url):
    at = app_as("lanhdao", page="review", query={**WINDOW, "tab": "proposals"})
    with reading(demo_url) as s:
        first = proposals.proposal_page(s, _actor(demo_url, "lanhdao"), _window(), 1).rows[0]
    at.session_state["proposals_1"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    with writing(demo_url) as s:
        proposals.follow_up(
            s,
            _actor(demo_url, "lanhdao"),
            first.id,
            first.assigned_ban_id,
            "in_progress",
            "Của người khác.",
            first.updated_at,
        )
    at.run()  # a download, another click: the follow-up form stays open on what was read
    note = next(a for a in at.text_area if a.label == t("review.field.follow_up", "vi"))
    note.input("Của tôi, trên bản cũ.")
    next(
        b for b in at.button if b.label == t("common.save", "vi") and b.form_id == f"follow_up_{first.id}"
    ).click().run()
    assert CONFLICT in [e.value for e in at.error]
    with reading(demo_url) as s:
        assert s.get(Proposal, first.id).follow_up == "Của người khác."


def _window():
    from core.periods import Window

    return Window(dt.date(2018, 6, 1), dt.date(2018, 7, 31))
