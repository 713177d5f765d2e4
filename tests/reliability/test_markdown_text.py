"""No text typed by a user is read as Markdown or HTML anywhere (ui/text.py).

Three proofs: a static one (every Markdown element of app.py, app_pages/ and ui/ is given
provably safe text, tests/reliability/markdown_sinks.py); a live one (hostile text stored
through the core services in every field a user fills, then every page opened as each role,
every Markdown-rendering element of the rendered tree checked); and the charts' specs (user
text only as data, drawn as text by Vega and escaped by its tooltip).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

import pytest
from sqlalchemy import select, update

from core import evaluations, meetings, policy, registrations, reports, roster, trip_list, trips
from core.accounts import load_actor
from core.text import clean
from db.models import Account, Ban, Evaluation, TripReport
from db.session import reading, writing
from tests.reliability import markdown_sinks
from ui.text import md

PAYLOADS = [
    "![x](https://evil.example/beacon.png)",
    "[Đăng nhập lại](https://evil.example)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**đậm**",
    "$x^2$",
    ":red[đỏ]",
    "# tiêu đề",
    "| a | b |",
    "\\",
    "dòng một\ndòng hai",
    ":material/home:",
    ":streamlit: :smile:",
    "www.evil.example a@evil.example",
    "&lt;b&gt; &#91;x&#93;",
    "_nghiêng_ ~~gạch~~ `mã` 1. - + >",
]


class Payloads:
    """Each stored text is a numbered marker ("ZQ07 ") and one payload, so that wherever it
    shows its escaped form can be asked for."""

    def __init__(self):
        self.n = 0
        self.stored: dict[str, str] = {}  # marker -> the text stored (cleaned, one line)

    def __call__(self, multiline: bool = False) -> str:
        marker = f"ZQ{self.n:02d}"
        text = f"{marker} {PAYLOADS[self.n % len(PAYLOADS)]}"
        self.n += 1
        self.stored[marker] = clean(text, multiline=multiline)
        return text


def _store_everywhere(url: str) -> Payloads:
    """Hostile text in every field a user fills, through the services that store them."""
    p = Payloads()
    with reading(url) as s:
        cadre, leader, office, admin = (
            load_actor(s, u) for u in ("canbo", "truongban", "lanhdao", "quantri")
        )
        ban = s.get(Ban, cadre.ban_id)
        ban_code, ban_order = ban.code, ban.sort_order
        cadre_input = roster.cadre_input(s, admin, cadre.cadre_id)
    with writing(url) as s:
        roster.save_ban(s, admin, ban_code, p(), ban_order, cadre.ban_id)
        roster.save_cadre(
            s,
            admin,
            roster.CadreInput(
                cadre_input.code,
                p(),
                cadre_input.ban_code,
                p(),
                cadre_input.subject,
                cadre_input.joined_on,
                cadre_input.left_on,
                cadre_input.email,
                cadre_input.phone,
            ),
            cadre.cadre_id,
        )
        # An account's shown name comes with the roster or the account's creation.
        s.execute(update(Account).where(Account.username == "canbo").values(display_name=p()))
        year_policy = policy.for_year(s, 2018)
        policy.save(
            s,
            admin,
            policy.YearPolicy(
                2018,
                year_policy.target_days,
                year_policy.counting_rule,
                year_policy.counting_window,
                year_policy.report_deadline_days,
                (p(), p()),
                {"inspection": {"vi": p(), "en": p()}},
                year_policy.excellent_cap_percent,
            ),
        )

    trip_ids = []
    for start in (dt.date(2018, 7, 29), dt.date(2018, 7, 30)):  # the last days of the demo window
        entry = trips.TripInput(
            start_date=start,
            end_date=start,
            province=p(),
            district=p(),
            commune=p(),
            host_unit=p(),
            content_types=("inspection",),
            tags=(p(),),
            questions=(p(), p()),
            co_travellers=p(),
            purpose=p(),
        )
        with writing(url) as s:
            existing = [
                r
                for r in trip_list.list_for_cadre(s, cadre, cadre.cadre_id)
                if r.start_date <= start <= r.end_date and r.state != "cancelled"
            ]
            for row in existing:  # make room in the cadre's demo calendar
                trips.change_state(s, cadre, row.id, "cancel", row.version, dt.date.today())
            trip_ids.append(trips.save_trip(s, cadre, cadre.cadre_id, entry, str(uuid.uuid4())))
    for trip_id in trip_ids:
        with writing(url) as s:
            view = reports.report_for_trip(s, cadre, trip_id)
            entry = reports.ReportInput(
                p(True), p(True), p(True), (p(), p()), tuple((q.id, p(True)) for q in view.questions)
            )
            reports.save_report(s, cadre, trip_id, entry, view.version, str(uuid.uuid4()), submit=True)
    with writing(url) as s:  # the first one accepted (a highlight), the other first in the queue
        accepted = s.scalar(select(TripReport).where(TripReport.trip_id == trip_ids[0]))
        reports.review(s, leader, accepted.id, "accept", accepted.version)
        s.execute(
            update(TripReport)
            .where(TripReport.trip_id == trip_ids[1])
            .values(submitted_at=dt.datetime(2018, 1, 1, 8))
        )
    with writing(url) as s:
        registrations.save(
            s,
            cadre,
            cadre.cadre_id,
            registrations.RegistrationInput(
                dt.date.today().year,
                (dt.date.today().month - 1) // 3 + 1,
                5,
                p(True),
                ("inspection",),
                p(True),
            ),
            str(uuid.uuid4()),
            today=dt.date.today(),
        )
    with writing(url) as s:
        meetings.save_meeting(
            s,
            office,
            meetings.MeetingInput(
                dt.date(2018, 8, 9),
                dt.date(2018, 6, 1),
                dt.date(2018, 7, 31),
                p(),
                p(),
                p(True),
                p(True),
                p(True),
                p(True),
            ),
            submission_id=str(uuid.uuid4()),
        )
    with writing(url) as s:  # the demo's evaluation of 2018, reopened if confirmed, then proposed
        ev = s.scalar(
            select(Evaluation).where(Evaluation.cadre_id == cadre.cadre_id, Evaluation.year == 2018)
        )
        version = ev.version if ev else None
        if evaluations.state_of(ev) == "confirmed":
            version = evaluations.save(s, office, cadre.cadre_id, 2018, "reopen", version)
        evaluations.save(s, leader, cadre.cadre_id, 2018, "propose", version, "good", p(True))
    return p


# --- Walking what a page rendered ---------------------------------------------------------------

# Elements whose text is drawn as plain text (st.text, st.code, tables, JSON), and the
# options of a selectbox or multiselect, which Streamlit draws as plain text too.
PLAIN_ELEMENTS = {
    "text",
    "code",
    "json",
    "arrow_data_frame",
    "dataframe",
    "arrow_table",
    "table",
    "vega_lite_chart",
    "arrow_vega_lite_chart",
    "exception",
}
MARKDOWN_FIELDS = {"body", "label", "help", "text", "content", "delta", "title"}
OPTION_ELEMENTS = {"radio", "button_group", "select_slider"}  # options read as Markdown


def _strings(message, owner: str):
    """(field, text) of the fields of `message` that Streamlit renders as Markdown."""
    for descriptor, value in message.ListFields():
        name = descriptor.name
        if descriptor.message_type is not None:
            values = [value] if hasattr(value, "ListFields") else list(value)
            for v in values:
                yield from _strings(v, owner)
        elif descriptor.type == descriptor.TYPE_STRING:
            values = [value] if isinstance(value, str) else list(value)
            if name in MARKDOWN_FIELDS or (name == "options" and owner in OPTION_ELEMENTS):
                for v in values:
                    yield name, v


def markdown_texts(at) -> list[tuple[str, str]]:
    """Every (element, text) of the rendered tree that Streamlit shows as Markdown."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is not None and kind not in PLAIN_ELEMENTS:
            inner = proto
            which = proto.WhichOneof("type") if "type" in [o.name for o in proto.DESCRIPTOR.oneofs] else None
            if which:
                inner = getattr(proto, which)
                kind = which
            found.extend((kind, text) for _, text in _strings(inner, kind))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def unescaped(texts, payloads: Payloads) -> list[str]:
    """The texts that hold a stored payload other than in its escaped form."""
    bad = []
    for kind, text in texts:
        for marker, stored in payloads.stored.items():
            if marker in text and md(stored) not in text:
                bad.append(f"{kind}: {text[:160]!r}")
    return bad


VIEWS = (
    [("canbo", "visits", {"tab": tab}) for tab in ("progress", "trip", "report", "registration")]
    + [
        (who, "progress", {"from": "2018-06-01", "to": "2018-07-31", **extra})
        for who in ("truongban", "lanhdao")
        for extra in (
            {},
            {"tab": "cadres"},
            {"tab": "places"},
            {"tab": "funding"},
            {"mode": "meeting"},
            {"ban": "TC"},
        )
    ]
    + [
        (who, "review", {"from": "2018-06-01", "to": "2018-07-31", **extra})
        for who in ("truongban", "lanhdao")
        for extra in ({}, {"tab": "proposals"}, {"tab": "meetings"}, {"tab": "funding"})
    ]
    + [(who, "evaluations", {"year": "2018"}) for who in ("truongban", "lanhdao")]
    + [
        ("quantri", "admin", {"tab": tab})
        for tab in ("import", "roster", "accounts", "policy", "backup", "audit")
    ]
)


def test_every_markdown_element_is_given_safe_text():
    offences = markdown_sinks.offences()
    assert [str(o) for o in offences] == []


def test_text_checked_on_its_way_in_is_marked_where():
    """The few lines that show text kept from earlier say where it was checked."""
    checker = markdown_sinks.Checker()
    checker.run()
    assert checker.pragmas == ["ui/forms.py:save", "ui/forms.py:show_flash"]


def test_md_escapes_every_payload_and_keeps_its_text():
    special = set("\\`*_[](){}<>#+-.!|~$:&@")
    for payload in PAYLOADS:
        escaped, i = md(payload), 0
        while i < len(escaped):  # every special character comes escaped
            assert escaped[i] not in special or escaped[i] == "\\", (payload, escaped, i)
            i += 2 if escaped[i] == "\\" else 1
        # Without its escapes it is the text typed, on one line.
        assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == payload.replace("\n", " ")


@pytest.mark.parametrize(
    "username, page, query",
    VIEWS,
    ids=[
        f"{u}-{p}-{'-'.join(f'{k}={v}' for k, v in q.items() if k not in ('from', 'to'))}"
        for u, p, q in VIEWS
    ],
)
def test_no_user_text_is_rendered_as_markdown(app_as, demo_url, username, page, query):
    payloads = _store_everywhere(demo_url)
    at = app_as(username, page=page, query=query)
    assert not at.exception
    views = [at]
    if page == "progress" and "tab" not in query and "mode" not in query:
        at.selectbox(key="queue_report").select_index(0).run()  # the report waiting, shown whole
        assert not at.exception
    if page == "evaluations":
        ev = at.selectbox(key="ev_cadre")
        names = [o for o in ev.options if "ZQ" in o]
        if names:
            ev.select(names[0]).run()
            assert not at.exception
    texts = [t for view in views for t in markdown_texts(view)]
    assert texts, "the walk found the page's Markdown elements"
    assert unescaped(texts, payloads) == []


def test_user_text_does_reach_markdown_elements_escaped(app_as, demo_url):
    """The walk above does meet user text: the leaders' queue shows the questions, the ban
    and the cadre's name; the sidebar the account's name."""
    payloads = _store_everywhere(demo_url)
    at = app_as("truongban", page="progress", query={"from": "2018-06-01", "to": "2018-07-31"})
    at.selectbox(key="queue_report").select_index(0).run()
    texts = markdown_texts(at)
    shown = {marker for marker in payloads.stored for _, text in texts if marker in text}
    assert len(shown) >= 3, shown  # the ban's name and the two questions
    sidebar = markdown_texts(app_as("canbo", page="visits"))
    assert any("ZQ" in text for _, text in sidebar)


# --- Charts ------------------------------------------------------------------------------------


def test_user_text_reaches_charts_only_as_data(demo_url, app_as):
    """Vega draws labels and legends as text; vega-tooltip (as Streamlit configures it: its
    default `sanitize`) escapes `&` and `<` of every tooltip value and key, and turns a key
    named `image` into an <img>, `title` into a heading. So: no user text outside the data
    values and sort orders, no tooltip titled `image` or `title`, no links (`href`), images
    or `usermeta` (which could reconfigure the tooltip), no expression built from user text."""
    payloads = _store_everywhere(demo_url)
    specs, data_seen = [], False
    for username, page in (("lanhdao", "progress"), ("lanhdao", "review"), ("lanhdao", "evaluations")):
        at = app_as(username, page=page, query={"from": "2018-06-01", "to": "2018-07-31", "year": "2018"})
        assert not at.exception
        for chart in at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
            specs.append(json.loads(chart.proto.spec))
            # Streamlit sends the data apart from the spec, as Arrow tables.
            data_seen |= b"ZQ" in chart.proto.data.SerializeToString() + b"".join(
                d.SerializeToString() for d in chart.proto.datasets
            )
    assert specs

    def walk(node, path):
        if isinstance(node, dict):
            assert not {"usermeta", "href", "url"} & set(node), path
            if node.get("type") == "image" or node.get("mark") == "image":
                raise AssertionError(f"image mark at {path}")
            for key, value in node.items():
                if key in ("datasets", "values"):  # the data: drawn as text, escaped in tooltips
                    continue
                if key == "sort" and isinstance(value, list):  # an order of data values
                    continue
                if key == "tooltip":
                    for tip in value if isinstance(value, list) else [value]:
                        if isinstance(tip, dict):
                            assert tip.get("title") not in ("image", "title"), path
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")
        elif isinstance(node, str):
            assert "ZQ" not in node, f"user text outside the data at {path}: {node[:80]!r}"

    for spec in specs:
        walk(spec, "spec")
    assert data_seen, "the charts do show the stored names"
    assert payloads.stored
