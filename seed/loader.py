"""Build a demo office from a `DemoSpec`: roster, accounts, registrations, trips, reports,
proposals, a review meeting and evaluations.

`load(session, demo_name)` is what the CLI (`python -m seed`) and the tests call. It writes in
the caller's transaction and draws every random choice from one `random.Random` with the
spec's fixed seed, in a fixed order, so two loads give the same office.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core import reports
from core.accounts import hash_password
from core.participation import office_participation
from core.periods import Window, quarter_window
from core.trips import TripInput, build_trip
from db.models import (
    Account,
    AccountRole,
    Ban,
    Base,
    Cadre,
    DataVersion,
    Evaluation,
    Exemption,
    Policy,
    Proposal,
    Registration,
    ReviewMeeting,
    Setting,
    Trip,
    TripQuestion,
    TripReport,
)
from db.vocabulary import ContentType, ProposalState, Rating, RegistrationState, ReportState, Role, TripState
from seed import vocab

DEMO_PASSWORD = "cosodemo"

# demo name -> module defining SPEC
DEMOS = {
    "central-2018": "seed.central_2018",
    "province-2022": "seed.province_2022",
}
DEFAULT_DEMO = "central-2018"


# --- The spec a demo module fills in --------------------------------------------------------


@dataclass(frozen=True)
class BanSpec:
    code: str
    name: str
    size: int  # cadres subject to 1+2
    positions: tuple[str, ...]  # the first len(positions) cadres, in order; the rest "Chuyên viên"
    flavour: tuple[str, ...] = ()  # words of host units this ban prefers ("Khu công nghiệp" …)


@dataclass(frozen=True)
class ExemptionSpec:
    kind: str
    start: dt.date
    end: dt.date
    note: str
    went_in_window: bool  # may the cadre still have a trip in the key window?


@dataclass(frozen=True)
class DemoSpec:
    name: str
    rng_seed: int
    year: int
    code_prefix: str
    settings: dict
    policies: tuple[dict, ...]
    bans: tuple[BanSpec, ...]
    staff: tuple[str, ...]  # positions of staff NOT subject to 1+2, in the first ban
    places: dict
    provinces_per_cadre: tuple[int, int]
    province_level_share: float  # how often a trip goes to the provincial Youth Union itself
    today: dt.date  # the day the demo data stands at
    key_window: Window
    went_in_key_window: int
    trips_per_cadre: tuple[int, int]
    trip_days: tuple[int, int]
    holidays: tuple[tuple[dt.date, dt.date], ...]
    funding: tuple[float, int, int]  # share with no funding, min, max (VND)
    travel_order: str  # format with {n}
    travel_order_share: float
    registration_quarters: tuple[int, ...]  # every subject cadre registers for these
    extra_quarter: tuple[int, float] | None  # (quarter, share of cadres) registering too
    registered_on: dict  # quarter -> the date its registration was made
    planned_share: float  # cadres with a planned trip after `today`
    exemptions: tuple[ExemptionSpec, ...]
    difficulties: tuple[str, ...]
    topic_bans: dict  # proposal topic -> ban code
    review: dict
    leader_position: str  # position of the cadre behind `lanhdao`
    leader_ban: str  # code of the ban of `truongban` and `canbo`
    content_weights: dict = field(
        default_factory=lambda: {
            ContentType.COORGANISE: 45,
            ContentType.THEMATIC: 20,
            ContentType.INSPECTION: 18,
            ContentType.BRANCH_MEETING: 17,
        }
    )
    # Each ban's funding budget a year: this much per cadre of the ban, more or less by ban
    # (BUDGET_SPREAD), so some bans stay within it and some do not (0: no budgets).
    budget_per_cadre: int = 0
    # The paper's symbol ("Số: …-BC/TWĐTN-VP") and who signs it (the first cadre of the first ban).
    office_symbol: str = ""


BUDGET_SPREAD = (1.25, 0.8, 1.1, 0.95)


def spec_of(demo_name: str) -> DemoSpec:
    if demo_name not in DEMOS:
        raise ValueError(f"unknown demo {demo_name!r}; known: {', '.join(DEMOS)}")
    return importlib.import_module(DEMOS[demo_name]).SPEC


# --- Public entry points ----------------------------------------------------------------------


def load(session: Session, demo_name: str = DEFAULT_DEMO) -> None:
    """Load one demo set into an empty, migrated database, in the caller's transaction."""
    _Builder(session, spec_of(demo_name)).run()
    session.flush()


def is_empty(session: Session) -> bool:
    """Nothing at all yet (an office started with --new-office has no bans but is not empty)."""
    from core.office import is_empty

    return is_empty(session)


def reset(session: Session) -> None:
    """Delete every row of every table, children first, in the caller's transaction.

    `data_version` keeps its one row (cached reads key on it; `writing()` bumps it).
    """
    for table in reversed(Base.metadata.sorted_tables):
        if table.name != DataVersion.__tablename__:
            session.execute(delete(table))


def summary(session: Session) -> list[str]:
    """A few lines on what the database holds, and the demo's key figure."""

    def count(model, *where):
        return session.scalar(select(func.count()).select_from(model).where(*where))

    subject = count(Cadre, Cadre.subject_to_rule.is_(True))
    lines = [
        f"Ban: {count(Ban)}",
        f"Cán bộ: {count(Cadre)} ({subject} thuộc đối tượng 1+2)",
        f"Chuyến đi: {count(Trip)} ({count(Trip, Trip.state == TripState.PLANNED)} dự kiến)",
        f"Báo cáo: {count(TripReport)} ({count(TripReport, TripReport.state == ReportState.ACCEPTED)} đã duyệt)",
    ]
    demo = session.get(Setting, "demo")
    if demo is not None and demo.value in DEMOS:
        window = spec_of(demo.value).key_window
        p = office_participation(session, window)
        lines.append(f"{window.start:%d/%m/%Y}–{window.end:%d/%m/%Y}: {p.went}/{p.cadres} cán bộ đã đi cơ sở")
    return lines


# --- The builder ------------------------------------------------------------------------------


@dataclass
class _Person:
    cadre: Cadre
    gender: str
    provinces: tuple[str, ...]
    must_go: bool  # has a trip day in the key window
    exemption: ExemptionSpec | None = None
    trips: list[Trip] = field(default_factory=list)


def _overlaps(a_start, a_end, b_start, b_end, gap: int = 0) -> bool:
    return a_start <= b_end + dt.timedelta(days=gap) and b_start <= a_end + dt.timedelta(days=gap)


class _Builder:
    def __init__(self, session: Session, spec: DemoSpec):
        self.s = session
        self.spec = spec
        self.rng = random.Random(spec.rng_seed)
        self.names: set[str] = set()
        self.bans: dict[str, Ban] = {}
        self.people: list[_Person] = []
        self.accounts: dict[str, Account] = {}
        self.order_no = 0
        families = [f for f, _ in vocab.FAMILY_NAMES]
        weights = [w for _, w in vocab.FAMILY_NAMES]
        self._families = (families, weights)
        self._units = self._all_units()

    # -- helpers

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def full_name(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            gender = "f" if rng.random() < 0.5 else "m"
            family = rng.choices(*self._families)[0]
            if gender == "m":
                name = f"{family} {self.pick(vocab.MIDDLE_NAMES_MALE)} {self.pick(vocab.GIVEN_NAMES_MALE)}"
            else:
                name = (
                    f"{family} {self.pick(vocab.MIDDLE_NAMES_FEMALE)} {self.pick(vocab.GIVEN_NAMES_FEMALE)}"
                )
            if name not in self.names:
                self.names.add(name)
                return name, gender

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def at_time(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(self.rng.randint(7, 21), self.rng.randint(0, 59)))

    def _all_units(self):
        """Every (province, district, commune, host unit) the demo can go to."""
        units = {}
        for province, districts in self.spec.places.items():
            rows = [("province", (province, "", "", vocab.province_union(province)))]
            for district, communes, specials in districts:
                rows.append(("district", (province, district, "", vocab.youth_union_of(district))))
                for commune in communes:
                    rows.append(("commune", (province, district, commune, vocab.youth_union_of(commune))))
                for special in specials:
                    rows.append(("special", (province, district, "", special)))
            units[province] = rows
        return units

    def place_for(self, person: _Person, ban_spec: BanSpec):
        rng = self.rng
        if ban_spec.flavour and rng.random() < 0.5:
            matching = [
                u
                for rows in self._units.values()
                for kind, u in rows
                if kind == "special" and any(w in u[3] for w in ban_spec.flavour)
            ]
            if matching:
                return self.pick(matching)
        province = self.pick(person.provinces) if rng.random() < 0.85 else self.pick(list(self._units))
        rows = self._units[province]
        if rng.random() < self.spec.province_level_share:
            return rows[0][1]
        kinds = [u for kind, u in rows if kind != "province"]
        return self.pick(kinds) if kinds else rows[0][1]

    # -- steps

    def run(self) -> None:
        spec = self.spec
        for key, value in spec.settings.items():
            self.s.add(Setting(key=key, value=value))
        self.s.add(Setting(key="demo", value=spec.name))
        policies = [Policy(**policy) for policy in spec.policies]
        self.s.add_all(policies)
        self.make_roster()
        self.make_budgets(policies)
        self.make_accounts()
        self.make_trips()
        self.make_registrations()
        self.make_reports()
        self.make_review()
        self.make_evaluations()

    def make_budgets(self, policies: list[Policy]) -> None:
        """The bans' yearly budgets, and who signs the office's papers."""
        spec = self.spec
        if spec.office_symbol:
            self.s.add(Setting(key="office_symbol", value=spec.office_symbol))
        first = self.s.scalars(
            select(Cadre).where(Cadre.ban_id == self.bans[spec.bans[0].code].id).order_by(Cadre.id)
        ).first()
        if first is not None:
            self.s.add(Setting(key="signer_name", value=first.full_name))
        if not spec.budget_per_cadre:
            return
        budgets = {
            str(self.bans[b.code].id): round(
                b.size * spec.budget_per_cadre * BUDGET_SPREAD[n % len(BUDGET_SPREAD)], -6
            )
            for n, b in enumerate(spec.bans)
        }
        for policy in policies:
            policy.ban_budgets = {k: int(v) for k, v in budgets.items()}

    def make_roster(self) -> None:
        spec, rng = self.spec, self.rng
        number = 0
        for order, b in enumerate(spec.bans):
            ban = Ban(code=b.code, name=b.name, sort_order=(order + 1) * 10)
            self.s.add(ban)
            self.bans[b.code] = ban
        self.s.flush()
        ban_specs = {b.code: b for b in spec.bans}
        for b in spec.bans:
            for i in range(b.size):
                number += 1
                name, gender = self.full_name()
                cadre = Cadre(
                    code=f"{spec.code_prefix}{number:04d}",
                    full_name=name,
                    ban_id=self.bans[b.code].id,
                    position=b.positions[i] if i < len(b.positions) else "Chuyên viên",
                    subject_to_rule=True,
                    joined_on=dt.date(
                        rng.randint(2006, spec.year - 2), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                )
                self.s.add(cadre)
                provinces = tuple(
                    rng.sample(
                        list(spec.places), min(len(spec.places), rng.randint(*spec.provinces_per_cadre))
                    )
                )
                self.people.append(_Person(cadre, gender, provinces, must_go=True))
        first = spec.bans[0].code
        for position in spec.staff:
            number += 1
            name, _ = self.full_name()
            self.s.add(
                Cadre(
                    code=f"{spec.code_prefix}{number:04d}",
                    full_name=name,
                    ban_id=self.bans[first].id,
                    position=position,
                    subject_to_rule=False,
                    joined_on=dt.date(
                        rng.randint(2008, spec.year - 1), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                )
            )
        self.s.flush()
        self.ban_spec_of = {self.bans[c].id: ban_specs[c] for c in ban_specs}

        # Who is behind the demo accounts.
        leader_ban = self.bans[spec.leader_ban].id
        self.p_lanhdao = next(p for p in self.people if p.cadre.position == spec.leader_position)
        self.p_truongban = next(
            p for p in self.people if p.cadre.ban_id == leader_ban and p.cadre.position == "Trưởng ban"
        )
        self.p_canbo = next(
            p for p in self.people if p.cadre.ban_id == leader_ban and p.cadre.position == "Chuyên viên"
        )
        named = {id(self.p_lanhdao), id(self.p_truongban), id(self.p_canbo)}

        # Who did not go in the key window: the exempted ones first, then a random few.
        others = [p for p in self.people if id(p) not in named]
        rng.shuffle(others)
        for ex, person in zip(spec.exemptions, others):
            person.exemption = ex
            person.must_go = ex.went_in_window
            self.s.add(
                Exemption(
                    cadre_id=person.cadre.id, kind=ex.kind, start_date=ex.start, end_date=ex.end, note=ex.note
                )
            )
        missing = len(self.people) - spec.went_in_key_window - sum(not p.must_go for p in self.people)
        for person in others[len(spec.exemptions) :]:
            if missing <= 0:
                break
            person.must_go = False
            missing -= 1

    def make_accounts(self) -> None:
        pw = hash_password(DEMO_PASSWORD)  # once: bcrypt is slow on purpose
        for username, display, role, person in (
            ("quantri", "Quản trị hệ thống", Role.ADMIN, None),
            ("lanhdao", None, Role.OFFICE_LEADER, self.p_lanhdao),
            ("truongban", None, Role.BAN_LEADER, self.p_truongban),
            ("canbo", None, Role.CADRE, self.p_canbo),
        ):
            acc = Account(
                username=username,
                display_name=display or person.cadre.full_name,
                password_hash=pw,
                cadre_id=person.cadre.id if person else None,
                is_demo=True,
                email=f"{username}@example.org",  # reminders go to a local SMTP sink (README)
                created_at=dt.datetime.combine(
                    self.spec.registered_on[min(self.spec.registered_on)], dt.time(8, 0)
                ),
                roles=[AccountRole(role=role)],
            )
            self.s.add(acc)
            self.accounts[username] = acc
        self.s.flush()

    def reviewer_of(self, person: _Person) -> Account | None:
        """Who accepts this person's reports and registrations."""
        if person is self.p_lanhdao:
            return None  # reports to the standing committee as a whole
        if person.cadre.ban_id == self.p_truongban.cadre.ban_id and person is not self.p_truongban:
            return self.accounts["truongban"]
        return self.accounts["lanhdao"]

    # trips

    def plan_dates(self, person: _Person) -> list[tuple[dt.date, dt.date, bool]]:
        """Non-overlapping (start, end, planned) of one person's trips in the year."""
        spec, rng = self.spec, self.rng
        year_start, year_end = dt.date(spec.year, 1, 1), dt.date(spec.year, 12, 31)
        last_done = spec.today - dt.timedelta(days=3)
        blocked = list(spec.holidays)
        if person.exemption:
            blocked.append((person.exemption.start, person.exemption.end))
        window = spec.key_window
        if not person.must_go:
            blocked.append((window.start, window.end))
        n = rng.randint(*spec.trips_per_cadre)
        if person is self.p_canbo:
            n = max(n, 6)
        if person.exemption and not person.exemption.went_in_window:
            n = rng.randint(2, 4)
        long_trips = rng.random() < 0.25
        lo, hi = spec.trip_days
        if long_trips:
            lo = max(lo, hi - 3)
        chosen: list[tuple[dt.date, dt.date]] = []

        def free(start, end):
            return all(not _overlaps(start, end, a, b, gap=1) for a, b in chosen) and all(
                not _overlaps(start, end, a, b) for a, b in blocked
            )

        if person.must_go and window.start.year == spec.year:
            for _ in range(100):
                start = self.day_between(window.start, min(window.end, last_done) - dt.timedelta(days=1))
                end = start + dt.timedelta(days=rng.randint(lo, hi) - 1)
                if all(not _overlaps(start, end, a, b) for a, b in spec.holidays):
                    chosen.append((start, end))
                    break
        attempts = 0
        while len(chosen) < n and attempts < 400:
            attempts += 1
            start = self.day_between(year_start + dt.timedelta(days=7), last_done - dt.timedelta(days=lo))
            end = min(start + dt.timedelta(days=rng.randint(lo, hi) - 1), last_done)
            if free(start, end):
                chosen.append((start, end))
        out = [(a, b, False) for a, b in sorted(chosen)]
        if rng.random() < spec.planned_share and spec.today < year_end - dt.timedelta(days=6):
            start = self.day_between(spec.today + dt.timedelta(days=2), year_end - dt.timedelta(days=4))
            out.append((start, start + dt.timedelta(days=rng.randint(2, 4) - 1), True))
        return out

    def content_types(self, ban_spec: BanSpec) -> tuple[str, ...]:
        rng = self.rng
        weights = dict(self.spec.content_weights)
        if ban_spec.code in ("KT", "XDD"):
            weights[ContentType.INSPECTION] *= 3
        codes, w = list(weights), list(weights.values())
        first = rng.choices(codes, w)[0]
        chosen = [first]
        for _ in range(rng.choices((0, 1, 2), (50, 38, 12))[0]):
            extra = rng.choices(codes, w)[0]
            if extra not in chosen:
                chosen.append(extra)
        return tuple(chosen)

    def make_trips(self) -> None:
        spec, rng = self.spec, self.rng
        colleagues: dict[int, list[str]] = {}
        for p in self.people:
            colleagues.setdefault(p.cadre.ban_id, []).append(p.cadre.full_name)
        for person in self.people:
            ban_spec = self.ban_spec_of[person.cadre.ban_id]
            for start, end, planned in self.plan_dates(person):
                province, district, commune, unit = self.place_for(person, ban_spec)
                types = self.content_types(ban_spec)
                where = vocab.in_text(commune or district or province)
                tags = []
                for c in types:
                    tag = self.pick(vocab.TAGS[c])
                    if tag not in tags:
                        tags.append(tag)
                pool = [q for c in types for q in vocab.QUESTIONS[c]]
                questions = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
                funding = 0
                if rng.random() >= spec.funding[0]:
                    funding = rng.randint(spec.funding[1] // 100_000, spec.funding[2] // 100_000) * 100_000
                order_no, order_date = "", None
                if rng.random() < spec.travel_order_share:
                    self.order_no += 1
                    order_no = spec.travel_order.format(n=self.order_no * 3 + rng.randint(0, 2))
                    order_date = start - dt.timedelta(days=rng.randint(1, 6))
                co = ""
                if rng.random() < 0.3:
                    mates = [n for n in colleagues[person.cadre.ban_id] if n != person.cadre.full_name]
                    if mates:
                        co = ", ".join(
                            "Đồng chí " + n for n in rng.sample(mates, min(len(mates), rng.randint(1, 2)))
                        )
                data = TripInput(
                    start_date=start,
                    end_date=end,
                    province=province,
                    district=district,
                    commune=commune,
                    host_unit=unit,
                    content_types=types,
                    questions=tuple(q for q, _ in questions),
                    tags=tuple(tags),
                    co_travellers=co,
                    funding_vnd=funding,
                    travel_order_no=order_no,
                    travel_order_date=order_date,
                    purpose=self.pick(vocab.PURPOSES[types[0]]).format(unit=unit, where=where),
                    planned=planned,
                ).cleaned()
                trip = build_trip(self.s, person.cadre, data)
                trip.created_at = self.at_time(min(start, spec.today) - dt.timedelta(days=rng.randint(2, 10)))
                trip._answers = [a for _, a in questions]  # used by make_reports
                person.trips.append(trip)

    # registrations

    def make_registrations(self) -> None:
        spec, rng = self.spec, self.rng
        extra_q, extra_share = spec.extra_quarter or (None, 0.0)
        for person in self.people:
            quarters = list(spec.registration_quarters)
            if extra_q is not None and rng.random() < extra_share:
                quarters.append(extra_q)
            for q in sorted(quarters):
                qw = quarter_window(spec.year, q)
                trips = [t for t in person.trips if qw.overlaps(t.start_date, t.end_date)]
                days = sum((min(t.end_date, qw.end) - max(t.start_date, qw.start)).days + 1 for t in trips)
                planned = max(10, 5 * ((days + 4) // 5) + rng.choice((0, 0, 5)))
                provinces = list(dict.fromkeys(t.place.province for t in trips)) or list(person.provinces[:2])
                types = sorted({c.content_type for t in trips for c in t.content_types}) or [
                    ContentType.COORGANISE
                ]
                qs = [q2.text for t in trips[:2] for q2 in t.questions[:1]]
                state = RegistrationState.ACCEPTED
                if q == 4 and rng.random() < 0.12:
                    state = RegistrationState.SUBMITTED
                reviewer = self.reviewer_of(person)
                made = spec.registered_on[q] + dt.timedelta(days=rng.randint(0, 6))
                self.s.add(
                    Registration(
                        cadre_id=person.cadre.id,
                        year=spec.year,
                        quarter=q,
                        planned_days=planned,
                        places="; ".join(provinces),
                        content_types=types,
                        questions="\n".join(qs),
                        state=state,
                        accepted_by=reviewer.id if state == RegistrationState.ACCEPTED and reviewer else None,
                        created_at=self.at_time(made),
                    )
                )

    # reports

    def report_state(self, trip: Trip) -> str | None:
        rng, today = self.rng, self.spec.today
        age = (today - trip.end_date).days
        r = rng.random()
        if age <= 10:  # still within the deadline
            return None if r < 0.5 else (ReportState.DRAFT if r < 0.7 else ReportState.SUBMITTED)
        if age <= 40:
            return (
                None
                if r < 0.12
                else ReportState.DRAFT
                if r < 0.2
                else ReportState.SUBMITTED
                if r < 0.5
                else ReportState.RETURNED
                if r < 0.55
                else ReportState.ACCEPTED
            )
        return (
            ReportState.SUBMITTED
            if r < 0.04
            else ReportState.RETURNED
            if r < 0.06
            else ReportState.DRAFT
            if r < 0.08
            else ReportState.ACCEPTED
        )

    def make_reports(self) -> None:
        for person in self.people:
            done = [t for t in person.trips if t.state == TripState.DONE]
            states = [self.report_state(t) for t in done]
            if person is self.p_canbo and len(done) >= 4:
                # The demo cadre shows every step: accepted ones, one returned, one submitted,
                # and the last trip not reported yet.
                states = [ReportState.ACCEPTED] * len(done)
                states[-1] = None
                states[-2] = ReportState.SUBMITTED
                states[len(done) // 2 - 1] = ReportState.RETURNED
            for trip, state in zip(done, states):
                if state is None:
                    continue
                self.write_report(person, trip, state)

    def write_report(self, person: _Person, trip: Trip, state: str) -> None:
        spec, rng, today = self.spec, self.rng, self.spec.today
        unit = trip.place.host_unit
        where = vocab.in_text(trip.place.commune or trip.place.district or trip.place.province)
        fmt = dict(unit=unit, where=where, pct=rng.randint(55, 85))
        findings = " ".join(
            s.format(**fmt) for s in rng.sample(vocab.FINDINGS, 2 if state != ReportState.DRAFT else 1)
        )
        good = (
            ""
            if state == ReportState.DRAFT and rng.random() < 0.5
            else "\n".join(s.format(**fmt) for s in rng.sample(vocab.GOOD_MODELS, rng.choice((1, 1, 2))))
        )
        difficulties = "\n".join(rng.sample(spec.difficulties, rng.choice((1, 1, 2))))
        latest = today - dt.timedelta(days=1)
        submitted_at = accepted_at = None
        if state != ReportState.DRAFT:
            delay = rng.randint(1, 9) if rng.random() < 0.85 else rng.randint(11, 20)
            submitted_at = self.at_time(min(trip.end_date + dt.timedelta(days=delay), latest))
        reviewer = self.reviewer_of(person)
        accepted_by = None
        if state == ReportState.ACCEPTED:
            accepted_at = submitted_at + dt.timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 5))
            accepted_at = min(accepted_at, dt.datetime.combine(latest, dt.time(17, 0)))
            accepted_at = max(accepted_at, submitted_at)
            accepted_by = reviewer.id if reviewer else None
        questions: list[TripQuestion] = trip.questions  # loaded before the report joins the trip
        report = TripReport(
            trip_id=trip.id,
            findings=findings,
            good_models=good,
            difficulties=difficulties,
            state=state,
            submitted_at=submitted_at,
            accepted_at=accepted_at,
            accepted_by=accepted_by,
            return_reason=self.pick(vocab.RETURN_REASONS) if state == ReportState.RETURNED else "",
        )
        report.trip = trip
        # Answers to the questions set before leaving (a returned report lacks one).
        for i, (q, answers) in enumerate(zip(questions, trip._answers)):
            if state == ReportState.RETURNED and i == len(questions) - 1:
                continue
            if state == ReportState.DRAFT and i > 0:
                continue
            q.answer = self.pick(answers)
        if state in (ReportState.SUBMITTED, ReportState.RETURNED, ReportState.ACCEPTED):
            for _ in range(rng.choices((0, 1, 2), (40, 45, 15))[0]):
                text, topic = self.pick(vocab.PROPOSALS)
                if any(p.text == text for p in report.proposals):
                    continue
                ban_code = spec.topic_bans.get(topic)
                assigned = (
                    self.bans[ban_code].id
                    if ban_code and state == ReportState.ACCEPTED and rng.random() < 0.75
                    else None
                )
                p_state, follow = ProposalState.OPEN, ""
                if assigned:
                    p_state = rng.choices(tuple(ProposalState), (40, 30, 30))[0]
                    if p_state != ProposalState.OPEN:
                        follow = self.pick(vocab.FOLLOW_UPS[p_state])
                updated = (accepted_at or submitted_at) + dt.timedelta(
                    days=rng.randint(0, 20) if p_state != ProposalState.OPEN else 0
                )
                updated = min(updated, dt.datetime.combine(latest, dt.time(17, 30)))
                report.proposals.append(
                    Proposal(
                        text=text,
                        assigned_ban_id=assigned,
                        state=p_state,
                        follow_up=follow,
                        updated_at=updated,
                    )
                )
        reports.mark(report)
        self.s.add(report)

    # review meeting and evaluations

    def make_review(self) -> None:
        r = self.spec.review
        self.s.add(ReviewMeeting(**r, created_by=self.accounts["lanhdao"].id))

    def make_evaluations(self) -> None:
        spec, rng = self.spec, self.rng
        self.s.flush()
        days = {}
        for p in self.people:
            days[id(p)] = sum(
                (t.end_date - t.start_date).days + 1
                for t in p.trips
                if t.state == TripState.DONE and t.start_date.year == spec.year
            )
        ranked = sorted(self.people, key=lambda p: (-days[id(p)], p.cadre.code))
        n = len(ranked)
        cap = max(1, int(n * 0.12))
        ratings = {}
        for i, p in enumerate(ranked):
            if i < cap and days[id(p)] >= 45:
                ratings[id(p)] = Rating.EXCELLENT
            elif i < n * 0.6:
                ratings[id(p)] = Rating.GOOD
            elif days[id(p)] < 20 and not p.exemption and rng.random() < 0.5:
                ratings[id(p)] = Rating.NOT_COMPLETED
            else:
                ratings[id(p)] = Rating.COMPLETED
        leader_ban = self.p_truongban.cadre.ban_id
        evaluated_from = spec.today - dt.timedelta(days=12)
        for p in self.people:
            r = rng.random()
            if r < 0.1 and p is not self.p_canbo:
                continue  # not evaluated yet
            rating = ratings[id(p)]
            comment = self.pick(vocab.EVALUATION_COMMENTS[rating])
            if p.exemption:
                note = p.exemption.note
                comment += f" Có thời gian {note[:1].lower() + note[1:]}, chỉ tiêu được tính theo tỷ lệ."
            ev = Evaluation(
                cadre_id=p.cadre.id,
                year=spec.year,
                comment=comment,
                proposed_rating=rating,
                proposed_by=self.accounts["truongban"].id if p.cadre.ban_id == leader_ban else None,
                updated_at=self.at_time(self.day_between(evaluated_from, spec.today - dt.timedelta(days=1))),
            )
            if r < 0.7 and p is not self.p_canbo:
                final = rating
                if rating in (Rating.EXCELLENT, Rating.GOOD) and rng.random() < 0.06:
                    final = Rating.GOOD if rating == Rating.EXCELLENT else Rating.COMPLETED
                ev.final_rating, ev.confirmed_by, ev.locked = final, self.accounts["lanhdao"].id, True
            self.s.add(ev)
