"""The whole domain as SQLAlchemy 2.0 typed models.

One table per concept of the domain (README.md's glossary names them). Rules that need the
database to hold them (one registration per cadre and quarter, one report per trip, one
evaluation per cadre and year, one use of a form submission id) are constraints here, not
checks in code, because a check in code does not stop a double submit.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db import vocabulary
from db.vocabulary import CountingRule, MailMode, ProposalState, RegistrationState, ReportState, TripState


class Base(DeclarativeBase):
    pass


# The fixed vocabularies (db.vocabulary) are what the database stores; their tuples of codes
# stay importable from here.
ROLES = vocabulary.ROLES
CONTENT_TYPES = vocabulary.CONTENT_TYPES
TRIP_STATES = vocabulary.TRIP_STATES
REPORT_STATES = vocabulary.REPORT_STATES
REPORTED_STATES = vocabulary.REPORTED_STATES
REGISTRATION_STATES = vocabulary.REGISTRATION_STATES
PROPOSAL_STATES = vocabulary.PROPOSAL_STATES
RATINGS = vocabulary.RATINGS
COUNTING_RULES = vocabulary.COUNTING_RULES


def _in(column: str, codes: tuple[str, ...]) -> str:
    """A CHECK constraint's text: `column IN ('a', 'b')`, as the migrations wrote it."""
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Ban(Base):
    """A department of the office (Ban Tổ chức, Văn phòng …)."""

    __tablename__ = "bans"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    cadres: Mapped[list[Cadre]] = relationship(back_populates="ban")


class Cadre(Base):
    """A person on the roster. Only cadres with subject_to_rule count toward 1+2."""

    __tablename__ = "cadres"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"))
    position: Mapped[str] = mapped_column(String(200), default="")
    subject_to_rule: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    joined_on: Mapped[dt.date | None] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))

    ban: Mapped[Ban] = relationship(back_populates="cadres")
    # Who is counted, per ban, read off the index alone: the rows also carry names and
    # contacts, and 50,000 of them are read for each figure per ban otherwise.
    __table_args__ = (
        Index("ix_cadres_counted", "ban_id", "subject_to_rule", "joined_on", "left_on", "active"),
    )


class Account(Base):
    """A login. Admin accounts may have no cadre; every other account belongs to one."""

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    cadre_id: Mapped[int | None] = mapped_column(ForeignKey("cadres.id"), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Bumped to end every session of the account (logout everywhere, deactivation).
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    language: Mapped[str] = mapped_column(String(2), default="vi")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Where the reminders go (none: the cadre's address on the roster, if any), and which (core.reminders).
    email: Mapped[str | None] = mapped_column(String(200))
    mail_mode: Mapped[str] = mapped_column(
        String(8), default=MailMode.ALL.value, server_default=MailMode.ALL.value
    )

    cadre: Mapped[Cadre | None] = relationship()
    roles: Mapped[list[AccountRole]] = relationship(cascade="all, delete-orphan")


class LoginThrottle(Base):
    """Login attempts counted per username and per client address (core.login_throttle).

    Kept apart from the accounts: a name that is no account is counted and locked the same
    way, so the answers of the login form do not tell which names exist."""

    __tablename__ = "login_throttles"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # "user" or "address"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    __table_args__ = (CheckConstraint("scope IN ('user', 'address')", name="ck_login_throttles_scope"),)


class AccountRole(Base):
    __tablename__ = "account_roles"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="ck_account_roles_role"),)


class Policy(Base):
    """The rules of one year: target, how days count, deadlines, labels, caps."""

    __tablename__ = "policies"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_days: Mapped[int] = mapped_column(Integer, default=60)
    counting_rule: Mapped[str] = mapped_column(String(16), default=CountingRule.CALENDAR.value)
    # The counting window: by default the calendar year.
    window_start: Mapped[dt.date | None] = mapped_column(Date)
    window_end: Mapped[dt.date | None] = mapped_column(Date)
    report_deadline_days: Mapped[int] = mapped_column(Integer, default=10)
    exemption_kinds: Mapped[list] = mapped_column(
        JSON, default=lambda: ["training", "sick_leave", "maternity"]
    )
    # {content type code: {"vi": label, "en": label}}; empty means the catalogue's labels.
    content_type_labels: Mapped[dict] = mapped_column(JSON, default=dict)
    excellent_cap_percent: Mapped[int] = mapped_column(Integer, default=20)
    # {ban id (as text): funding budget of the year in VND}; none or empty: no budget set.
    ban_budgets: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (CheckConstraint(_in("counting_rule", COUNTING_RULES), name="ck_policies_rule"),)


class Exemption(Base):
    """A recorded absence that lowers a cadre's pro-rated target (training, leave …)."""

    __tablename__ = "exemptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Place(Base):
    """A grassroots unit: province → district → commune → host unit."""

    __tablename__ = "places"
    id: Mapped[int] = mapped_column(primary_key=True)
    province: Mapped[str] = mapped_column(String(100), index=True)
    district: Mapped[str] = mapped_column(String(100), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    host_unit: Mapped[str] = mapped_column(String(200), default="")
    # The names above are those of the trip's own date; the codes are the official register's
    # (core.admin_units): today's province, which every figure groups by ("" until an admin
    # maps a name no register knows), and the commune since 1 July 2025.
    province_code: Mapped[str] = mapped_column(String(2), default="", server_default="", index=True)
    commune_code: Mapped[str | None] = mapped_column(String(5))
    __table_args__ = (UniqueConstraint("province", "district", "commune", "host_unit", name="uq_places"),)


class Registration(Base):
    """Grassroots work a cadre plans for one quarter (đăng ký)."""

    __tablename__ = "registrations"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    planned_days: Mapped[int] = mapped_column(Integer)
    places: Mapped[str] = mapped_column(Text, default="")
    content_types: Mapped[list] = mapped_column(JSON, default=list)
    questions: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default=RegistrationState.SUBMITTED.value)
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    __table_args__ = (
        UniqueConstraint("cadre_id", "year", "quarter", name="uq_registrations_cadre_quarter"),
        # Who registered for every quarter of a window: a year's rows in cadre order, counted
        # per cadre as they come (by quarter first, they would be sorted by cadre to count).
        Index("ix_registrations_year_cadre", "year", "cadre_id", "quarter"),
        # Only the registrations waiting for a leader (migration 0004): small, and the queue's own.
        Index(
            "ix_registrations_waiting",
            "year",
            "quarter",
            sqlite_where=text(f"state = '{RegistrationState.SUBMITTED}'"),
            postgresql_where=text(f"state = '{RegistrationState.SUBMITTED}'"),
        ),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="ck_registrations_quarter"),
        CheckConstraint("planned_days >= 0", name="ck_registrations_days"),
    )


class Trip(Base):
    """One trip to the grassroots (chuyến đi cơ sở)."""

    __tablename__ = "trips"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"))
    # Denormalised from the cadre at the time of the trip, so per-ban aggregates need no
    # join and a cadre's later move to another ban does not rewrite history.
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"))
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default=TripState.DONE.value)
    travel_order_no: Mapped[str | None] = mapped_column(String(64))
    travel_order_date: Mapped[dt.date | None] = mapped_column(Date)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    co_travellers: Mapped[str] = mapped_column(Text, default="")
    funding_vnd: Mapped[int] = mapped_column(Integer, default=0)
    purpose: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Its day rows counted, written with them by core.trips (0 unless made): a window
    # that holds the whole trip takes these instead of counting the rows again.
    days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    workdays: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When its report was sent, while the report counts as in (REPORTED_STATES); kept with the
    # report's state by core.reports, so a window's report figures read the trips' index alone.
    reported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # A trip removed (state "removed", core.trip_changes) is kept: when, by whom and why.
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    removed_reason: Mapped[str | None] = mapped_column(Text)

    cadre: Mapped[Cadre] = relationship()
    place: Mapped[Place] = relationship()
    content_types: Mapped[list[TripContentType]] = relationship(cascade="all, delete-orphan")
    questions: Mapped[list[TripQuestion]] = relationship(
        cascade="all, delete-orphan", order_by="TripQuestion.position"
    )
    report: Mapped[TripReport | None] = relationship(back_populates="trip")
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="ck_trips_dates"),
        CheckConstraint("funding_vnd >= 0", name="ck_trips_funding"),
        CheckConstraint(_in("state", TRIP_STATES), name="ck_trips_state"),
        Index("ix_trips_cadre_start", "cadre_id", "start_date"),
        Index("ix_trips_window", "start_date", "end_date", "state", "cadre_id"),
        Index("ix_trips_ban_start", "ban_id", "start_date"),
        Index("ix_trips_length", "state", "days"),  # the longest trip made (core.rollups)
        Index("ix_trips_reports_by_ban", "state", "ban_id", "end_date", "reported_at"),
        Index(
            "ix_trips_made",
            "state",
            "end_date",
            "start_date",
            "place_id",
            "ban_id",
            "cadre_id",
            "days",
            "workdays",
            "reported_at",
        ),
    )


class TripDay(Base):
    """One calendar day of a trip.

    Counting days by policy (calendar or working days) and clipping trips to any date window
    then becomes a plain indexed COUNT, the same in SQLite and PostgreSQL.
    """

    __tablename__ = "trip_days"
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"))
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"))
    is_workday: Mapped[bool] = mapped_column(Boolean)
    __table_args__ = (
        Index("ix_trip_days_day_cadre", "day", "cadre_id", "is_workday"),
        Index("ix_trip_days_ban_day", "ban_id", "day", "is_workday"),
        # Covers every window read of the dashboards (migration 0002, docs/performance.md).
        Index("ix_trip_days_day_trip", "day", "trip_id", "cadre_id", "ban_id", "is_workday"),
        Index("ix_trip_days_cadre_day", "cadre_id", "day", "is_workday"),
    )


class TripContentType(Base):
    __tablename__ = "trip_content_types"
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    __table_args__ = (Index("ix_trip_content_types_type", "content_type", "trip_id"),)


# --- Figures kept as trips are made (core.rollups) -----------------------------------------
# A year's "who went" per ban, content type and place are distinct counts over a third of all
# trips; these rows hold them per cadre (and per place) so a year reads thousands of rows, not
# the year's trips and days (and per day and ban, for the year's trend). Only core.rollups
# writes them, in the trip's own transaction.


class CadreYear(Base):
    """A cadre's counted days in a calendar year (rows only for cadres with a trip made)."""

    __tablename__ = "cadre_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)
    # Read whole from the index: a year looks up every cadre's row.
    __table_args__ = (Index("ix_cadre_years_read", "year", "cadre_id", "days", "workdays"),)


class CadreMonth(Base):
    """A cadre's counted days in a calendar month (`month` is its first day): a window of whole
    months (a quarter, a meeting's two months) sums a row per cadre and month."""

    __tablename__ = "cadre_months"
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)
    # Stored in key order (SQLite): a window's months are one range, read without lookups.
    __table_args__ = {"sqlite_with_rowid": False}


class CadreYearContent(Base):
    """A cadre's trips made in a calendar year of one content type, under the trip's ban;
    `working_trips` are those with a working day in the year (the working-day rule)."""

    __tablename__ = "cadre_year_contents"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"), primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"), primary_key=True)
    trips: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    working_trips: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)
    # Read whole from the index: a year of a large office is 200,000 of these rows.
    __table_args__ = (
        Index(
            "ix_cadre_year_contents_read",
            "year",
            "content_type",
            "ban_id",
            "cadre_id",
            "trips",
            "days",
            "working_trips",
            "workdays",
        ),
    )


class PlaceYear(Base):
    """Trips made at a place with a day in a calendar year, and how many cadres made them."""

    __tablename__ = "place_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), primary_key=True)
    trips: Mapped[int] = mapped_column(Integer)
    cadres: Mapped[int] = mapped_column(Integer)


class ProvinceYear(Base):
    """The same per province of today, by code (a cadre at two places of a province counts once)."""

    __tablename__ = "province_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    trips: Mapped[int] = mapped_column(Integer)
    cadres: Mapped[int] = mapped_column(Integer)


class BanDay(Base):
    """Trip days counted on one calendar day by the cadres of one ban (the ban of the trip),
    all of them, subject to 1+2 or not: the year's trend reads a row per day and ban."""

    __tablename__ = "ban_days"
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    ban_id: Mapped[int] = mapped_column(ForeignKey("bans.id"), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    workdays: Mapped[int] = mapped_column(Integer)  # the same on a working day, else 0
    # The funding of the ban's trips made that ended on the day (a trip's money is settled
    # when it ends): any window's spending is a range of this key, summed.
    funding_vnd: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    __table_args__ = {"sqlite_with_rowid": False}  # a year is one range of the key, read in order


class TripQuestion(Base):
    """A question set before leaving, and (in the report) the answer found."""

    __tablename__ = "trip_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")


class TripReport(Base):
    """What the cadre learnt (thu hoạch), moving draft → submitted → returned/accepted."""

    __tablename__ = "trip_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"), unique=True)
    findings: Mapped[str] = mapped_column(Text, default="")
    good_models: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default=ReportState.DRAFT.value)
    return_reason: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    trip: Mapped[Trip] = relationship(back_populates="report")
    proposals: Mapped[list[Proposal]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Proposal.id"
    )
    __table_args__ = (
        Index("ix_trip_reports_state", "state", "submitted_at"),
        # The report figures join every trip of a window to its report's state and date.
        Index("ix_trip_reports_trip_state", "trip_id", "state", "submitted_at"),
    )


class Attachment(Base):
    """A file attached to a trip (its travel order, photos) or to its report (the thematic
    report), kept in the database so that a backup or a second app server needs nothing else
    (core.attachments). Never deleted: a removal marks it, with who and when."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(ForeignKey("trips.id"))
    part: Mapped[str] = mapped_column(String(8))  # "trip" or "report"
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)  # of `content`, in bytes
    sha256: Mapped[str] = mapped_column(String(64))  # of `content`
    content: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)  # a small JPEG, for images
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("part IN ('trip', 'report')", name="ck_attachments_part"),
        CheckConstraint("size > 0", name="ck_attachments_size"),
        Index("ix_attachments_trip", "trip_id", "removed_at"),
        # The same content once per trip while it is attached: a double submit stores one file.
        Index(
            "uq_attachments_trip_content",
            "trip_id",
            "sha256",
            unique=True,
            sqlite_where=text("removed_at IS NULL"),
            postgresql_where=text("removed_at IS NULL"),
        ),
    )


class Proposal(Base):
    """A proposal raised in a report, followed up by a ban until done."""

    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("trip_reports.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    assigned_ban_id: Mapped[int | None] = mapped_column(ForeignKey("bans.id"))
    state: Mapped[str] = mapped_column(String(16), default=ProposalState.OPEN.value)
    follow_up: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # The end of its trip once the report is sent (None while a draft), kept by core.reports:
    # a period's proposals are found on their own index, without walking the period's trips.
    trip_end: Mapped[dt.date | None] = mapped_column(Date)

    report: Mapped[TripReport] = relationship(back_populates="proposals")
    __table_args__ = (
        Index("ix_proposals_state", "state", "assigned_ban_id"),
        Index("ix_proposals_trip_end", "trip_end", "state"),
        Index("ix_proposals_open", "state", "trip_end"),
    )


class ReviewMeeting(Base):
    """The record of a review meeting (sơ kết / tổng kết) for a period."""

    __tablename__ = "review_meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300), default="")
    chair: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[str] = mapped_column(Text, default="")
    difficulties: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    directions: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    __table_args__ = (Index("ix_review_meetings_period", "period_from", "period_to"),)


class Evaluation(Base):
    """A leader's yearly evaluation of one cadre's grassroots work."""

    __tablename__ = "evaluations"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadres.id"))
    year: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    proposed_rating: Mapped[str | None] = mapped_column(String(16))
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    final_rating: Mapped[str | None] = mapped_column(String(16))
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    __table_args__ = (
        UniqueConstraint("cadre_id", "year", name="uq_evaluations_cadre_year"),
        Index("ix_evaluations_year", "year", "cadre_id"),
    )


class AuditEntry(Base):
    """Who changed what, when, with the row before and after."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (Index("ix_audit_log_target", "table_name", "row_id"),)


class Submission(Base):
    """A form submission id, minted when the form is drawn and stored once.

    The same id with the same content again is a no-op that returns the first result; the
    same id with other content is refused. The primary key makes this hold under races.
    """

    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    digest: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class Setting(Base):
    """Office-wide settings (the office's name on reports …)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DataVersion(Base):
    """One row. Its version is bumped by every write: cached reads key on it, so a write made
    through any app server invalidates every server's cache on its next read."""

    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    # What the re-login cookie is signed with (ui.auth): a new random value whenever any
    # account's sessions end (core.accounts.end_sessions_of) or the data is emptied, so every
    # cookie signed before stops working; random, so it never comes back to a value it had.
    sessions_epoch: Mapped[str] = mapped_column(String(32), default="0", server_default="0")


# --- Reminders by email (core.reminders) ---------------------------------------------------


class Reminder(Base):
    """One reminder of one person, kept so that none is sent twice: what (`kind`), about which
    row (`object_id`: a trip, a report, a registration, a quarter, a week) and at which stage
    ("overdue", a report's version …). `outcome` is "sent" once the SMTP server accepted the
    mail that carried it (written only then), "missed" when the account had no address."""

    __tablename__ = "reminders"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stage: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(8))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    __table_args__ = (
        CheckConstraint("outcome IN ('sent', 'missed')", name="ck_reminders_outcome"),
        # The reminders an account without an address missed, counted on /admin.
        Index("ix_reminders_outcome", "outcome", "account_id"),
        # A run looks up a kind's objects as one range of the key (SQLite: stored in key order).
        {"sqlite_with_rowid": False},
    )


class MailStatus(Base):
    """When each account was last emailed, and the last failure (for the admins)."""

    __tablename__ = "mail_status"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_subject: Mapped[str] = mapped_column(String(300), default="")
    last_error: Mapped[str | None] = mapped_column(String(500))
    last_error_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Lease(Base):
    """A job that must not run twice at once (the reminders' run): held by `holder` until
    `expires_at`, renewed while it works; a run that died leaves it to expire."""

    __tablename__ = "leases"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
