"""Typed records (pydantic v2): the single source of truth of the record format.

``docs/records.md`` shows each kind with an example. Fields that a *procedure rule* requires
(e.g. a visit's signature, an outage's areas) are optional here and checked by
:mod:`hcomm_gen.rules`, so that a missing value is reported under that rule's ID; this
module enforces only types, unknown fields and the bounds of values (``RECORD-FIELD``): every
whole number has its range (:mod:`hcomm_gen.records.types`: lead days 0–365, display days
1–3650, months 1–12, weekday 1–7, calendar years 2000–2100, counts 0–100,000, item numbers
1–999), so that nothing later overflows a date or a day count; a household's ``moved_out`` is
not before its ``occupied_since``.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from hcomm_gen.core.problems import Position
from hcomm_gen.records.types import (
    CASE_KIND,
    CHANGE_TYPE,
    FINANCE_PERIOD,
    HOUSEHOLD_TYPE,
    NOTICE_KIND,
    OUTAGE,
    Bool,
    Count,
    Date,
    DateTime,
    DisplayDays,
    EndDateTime,
    LeadDays,
    Line,
    Month,
    MonthNo,
    Number,
    Text,
    TimeOfDay,
    Weekday,
    Year,
    apply_implied,
)
from hcomm_gen.records.yamlsrc import SourceDoc


class Record(BaseModel):
    """Base of every record: unknown fields are errors; keeps its source for positions."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    _src: SourceDoc | None = PrivateAttr(default=None)
    _loc: tuple = PrivateAttr(default=())

    def pos(self, *loc, key: bool = False) -> Position:
        """Position (path, line, column) of field ``loc`` of this record in its file."""
        if self._src is None:
            return Position("<memory>", 0, 0)
        return self._src.pos(self._loc + tuple(loc), key=key)

    def raw(self, *loc):
        """The value at field ``loc`` *as written* in the file (text, list, mapping or
        ``None``), before typing: e.g. whether a date-time was written with a time of day
        (:func:`hcomm_gen.records.types.has_time_of_day`). ``None`` when not in the file."""
        if self._src is None:
            return None
        value = self._src.data
        for part in self._loc + tuple(loc):
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def text_pos(self, *loc, offset: int) -> Position:
        """Position in the file of character ``offset`` of the text field ``loc`` (e.g. the
        line of a ``body: |`` block where a time is written; see
        :meth:`~hcomm_gen.records.yamlsrc.SourceDoc.text_pos`)."""
        if self._src is None:
            return Position("<memory>", 0, 0)
        return self._src.text_pos(self._loc + tuple(loc), offset)

    def find_text(self, needle: str) -> Position | None:
        """Position of the first place in this record's text values where ``needle`` is
        written, or ``None``."""
        if self._src is None:
            return None
        return self._src.find_text(needle, self._loc)

    @property
    def path(self) -> str:
        return self._src.path if self._src else "<memory>"


# --- community ---------------------------------------------------------------------------

class Office(Record):
    """The management office (管理处): public contact points. ``suggestion_box``: where the
    suggestion box is (意见箱位置, e.g. ``管理处门口``), printed on the channels page and the
    survey announcement; not written, they name no place."""
    name: Line
    address: Text
    hotline: Text
    complaint_hotline: Text | None = None
    hours: Text | None = None
    suggestion_box: Text | None = None


class ReceptionDay(Record):
    """物业接待日 (T1, RECEPTION-DAY): ``weekday`` 1 = Monday … 7 = Sunday."""
    weekday: Weekday
    start: TimeOfDay
    end: TimeOfDay
    place: Text | None = None


class Staff(Record):
    """A staff role and the work name shown on notices (contact points are public)."""
    role: Text
    name: Text
    phone: Text | None = None


class CalendarYear(Record):
    """A year's official holidays and make-up working days (调休), for years the calendar
    library does not know yet (see :mod:`hcomm_gen.domain.workdays`)."""
    holidays: list[Date] = []
    workdays: list[Date] = []


class NoticeLeadDays(Record):
    """NOTICE-LEAD: minimum lead time in *days* between publication and start, per kind
    (each 0–365: :data:`~hcomm_gen.records.types.LeadDays`)."""
    outage: LeadDays = 1
    pest_control: LeadDays = 1
    works: LeadDays = 1
    event: LeadDays = 3
    fee_change: LeadDays = 30
    contract_change: LeadDays = 7


class Community(Record):
    """The community (小区) file ``records/community.yaml`` and its configuration."""
    id: Text
    name: Line
    time_zone: Text = "Asia/Shanghai"
    #: the address of the published site (QR codes, feeds, calendar links); required, an
    #: absolute https:// (or http://) URL: SITE-URL reports it missing or malformed
    site_url: Text = ""
    office: Office
    reception_day: ReceptionDay | None = None
    staff: list[Staff] = []
    notice_lead_days: NoticeLeadDays = NoticeLeadDays()
    finance_period: Annotated[Annotated[Literal["monthly", "quarterly", "half_yearly"],
                                        WithJsonSchema(FINANCE_PERIOD.json_schema())] | None,
                              BeforeValidator(FINANCE_PERIOD.read)] = None
    survey_months: list[MonthNo] = [6, 12]
    notice_display_days: DisplayDays = 30
    calendar: dict[Year, CalendarYear] = {}
    #: the day the office began keeping its records with hcomm (管理处开始用本系统记录的日期):
    #: every complete month from it owes its visit quota, visit summary, owners' meeting…
    #: (PROCEDURE.md "Obligations run from the office's first day"); default: the 1st of the
    #: month of the earliest record (:func:`hcomm_gen.domain.obligations.records_since`)
    records_since: Date | None = None
    #: the company's item codes of the local survey items (公司统一的调查项目编号), for the company
    #: report (issue 13.4): ``{item text as written in round.yaml items: code}``; keyed by the
    #: item's text because the text identifies an item across rounds (its ``no`` may change when
    #: the questionnaire is reordered, and a topic holds several items). COMPANY-ITEMS reports
    #: a text that no survey round has
    company_items: dict[Line, Line] = {}

    @field_validator("site_url", mode="before")
    @classmethod
    def _site_url_empty(cls, v):
        """``site_url:`` written empty is the same as not written (SITE-URL says what to write)."""
        return "" if v is None else v


class Building(Record):
    building: Line
    units: list[Line]


class Household(Record):
    """A household (业户): ``id`` like ``3-2-0301``; occupied on day D when
    ``occupied_since <= D`` and (no ``moved_out`` or ``D <= moved_out``)."""
    id: Text
    building: Line
    unit: Line
    room: Line
    type: Annotated[Literal["住家", "企业"], BeforeValidator(HOUSEHOLD_TYPE.read),
                    WithJsonSchema(HOUSEHOLD_TYPE.json_schema())] = "住家"
    occupied_since: Date | None = None
    moved_out: Date | None = None

    @field_validator("moved_out")
    @classmethod
    def _moved_out_after_occupied(cls, v: date | None, info: ValidationInfo) -> date | None:
        """``moved_out`` is not before ``occupied_since`` (reported at ``moved_out``)."""
        since = info.data.get("occupied_since")
        if v is not None and since is not None and v < since:
            raise PydanticCustomError(
                "hcomm", f"搬离日期 {v} 早于入住日期 occupied_since {since}。请检查这两个日期（搬离应在入住之后）。",
                {"en": f"{v} is before occupied_since {since}. Check both dates (a household "
                       "moves out after it moved in)."})
        return v

    def occupied_on(self, day: date) -> bool:
        """Whether the household is occupied on ``day`` (both ends inclusive)."""
        return (self.occupied_since is not None and self.occupied_since <= day
                and (self.moved_out is None or day <= self.moved_out))

    @property
    def address(self) -> str:
        return f"{self.building}{self.unit}{self.room}"

    @property
    def unit_name(self) -> str:
        return f"{self.building}{self.unit}"


class Registry(Record):
    """The household registry ``records/households.yaml`` (no names, no phones)."""
    buildings: list[Building] = []
    households: list[Household] = []


# --- notices -----------------------------------------------------------------------------

class Contact(Record):
    name: Text
    phone: Text | None = None


NoticeKind = Literal["outage", "emergency", "pest_control", "works", "event", "publicity",
                     "finance", "fee_change", "contract_change"]


#: the types of change to a posted notice (变更): 改期 (new ``start``/``end``), 提前结束 (new
#: ``end``), 取消 (called off), 更正 (a correction of the text; times unchanged)
CHANGE_TYPES = ("改期", "提前结束", "取消", "更正")


class NoticeChange(Record):
    """One change to a posted notice (issue 16): ``at`` when it was decided and published
    (date-time), ``type`` one of :data:`CHANGE_TYPES`, ``text`` what occupants are told;
    ``start``/``end`` the new times of a 改期 (at least one), ``end`` the new end of a 提前结束.
    The notice's page (same URL) shows the current state and this history (NOTICE-CHANGE)."""
    at: DateTime
    type: Annotated[Literal["改期", "提前结束", "取消", "更正"], BeforeValidator(CHANGE_TYPE.read),
                    WithJsonSchema(CHANGE_TYPE.json_schema())]
    text: Text | None = None
    start: DateTime | None = None
    end: EndDateTime | None = None


def _text_or_mapping(schema: dict) -> None:
    """JSON Schema of a record that may also be written as a plain text (:class:`WarningSign`)."""
    mapping = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string"}, mapping]


class WarningSign(Record):
    """One warning sign of a pest-control or works notice (NOTICE-PEST, NOTICE-WORKS):
    ``hang_at`` where the sign hangs (张贴位置), ``work_at`` where the work is (作业位置/施工位置:
    the bait, the lift, the trench), which the sign prints in large type. Written as a plain
    text (``- 3栋北侧材料堆放区``), the sign stands at the work, as P4.1 asks ("在作业处树立
    警示标示"): both places are that text. Written as a mapping
    (``- {hang_at: 1栋大堂, work_at: 地下车库}``), a sign in the lobby points to work elsewhere;
    ``work_at`` left out is again the place where it hangs. ``str()`` is ``hang_at`` (lists of
    where signs are put up)."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra=_text_or_mapping)
    hang_at: Text
    work_at: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, v):
        """A plain text item is the place where the sign hangs and the work is."""
        if isinstance(v, str):
            return {"hang_at": v}
        return v

    @property
    def work_place(self) -> str:
        """Where the work is: ``work_at``, else the place where the sign hangs."""
        return self.work_at or self.hang_at

    @property
    def elsewhere(self) -> bool:
        """Whether the sign hangs away from the work (张贴位置 ≠ 作业位置)."""
        return self.work_place != self.hang_at

    def __str__(self) -> str:
        return self.hang_at


class Notice(Record):
    """A notice (通知/公告) to occupants (T2, P4). ``start``/``end`` are the cut, work or event
    (for a fee change, ``start`` is the date it takes effect); a date alone as ``end`` or
    ``expires`` means the end of that day. ``outage`` is what is cut (outage, emergency;
    NOTICE-OUTAGE requires it of kind outage only) or, on works, what the works stop (optional:
    such works also go on the outages calendar)."""
    id: Text
    kind: Annotated[NoticeKind, BeforeValidator(NOTICE_KIND.read), WithJsonSchema(NOTICE_KIND.json_schema())]
    outage: Annotated[Annotated[Literal["water", "power", "gas", "elevator"], WithJsonSchema(OUTAGE.json_schema())]
                      | None, BeforeValidator(OUTAGE.read)] = None
    title: Line
    published: DateTime
    start: DateTime | None = None
    end: EndDateTime | None = None
    expires: EndDateTime | None = None
    areas: list[Line] = []
    channels: list[Text] = []
    body: Text | None = None
    actions: Text | None = None
    warning_signs: list[WarningSign] = []
    measures: Text | None = None
    contact: Contact | None = None
    period: Text | None = None
    changes: list[NoticeChange] = []

    @model_validator(mode="before")
    @classmethod
    def _kind_names_the_outage(cls, data):
        """``kind: 停水`` reads as ``kind: outage`` + ``outage: water`` (:data:`NOTICE_KIND`)."""
        return apply_implied(data, "kind", NOTICE_KIND, {"outage": OUTAGE})


class Meeting(Record):
    """A public owners' meeting (业主大会/恳谈会), MEETING-MONTHLY (T1)."""
    id: Text
    date: DateTime
    place: Text | None = None
    title: Text | None = None
    topics: list[Text] = []
    attendance: Count | None = None
    minutes: Text | None = None


# --- cases and suggestions -----------------------------------------------------------------

class Entry(Record):
    """A dated note: progress report or feedback given. ``late_reason``: why it was given
    late, written when it was (a late feedback, or a progress report that was the case's
    first response); the lateness is then a warning, not an error (PROCEDURE.md "A late act is
    recorded truthfully")."""
    time: DateTime
    text: Text
    late_reason: Text | None = None


class Case(Record):
    """A case (投诉/建议/问题/财产损坏): T3, P4.7, P4.10, P4.12, P4.13. ``response_late_reason``:
    why the first response came after the 24 hours (CASE-RESPONSE-24H, CASE-FOUND: then a
    warning, not an error)."""
    id: Text
    kind: Annotated[Literal["投诉", "建议", "问题", "财产损坏"], BeforeValidator(CASE_KIND.read),
                    WithJsonSchema(CASE_KIND.json_schema())]
    channel: Text | None = None
    received: DateTime
    household: Text | None = None
    topic: Text | None = None
    summary: Text
    valid: Bool | None = None
    first_response: DateTime | None = None
    response_late_reason: Text | None = None
    progress: list[Entry] = []
    resolved: DateTime | None = None
    feedback: Entry | None = None
    explanation: Text | None = None
    communicated_to: Text | None = None


class Suggestion(Record):
    """An anonymous suggestion from the suggestion box (T4): ``household``, ``name`` and
    ``phone`` exist only so that filling them in is reported as SUGGESTION-ANONYMOUS."""
    id: Text
    received: DateTime
    channel: Text = "意见箱"
    topic: Text | None = None
    text: Text
    household: Text | None = None
    name: Text | None = None
    phone: Text | None = None


# --- visits ------------------------------------------------------------------------------

class Appointment(Record):
    """VISIT-APPOINTMENT: when the appointment was ``made`` and the time it was made ``for``."""
    made: DateTime | None = None
    for_: DateTime | None = Field(default=None, alias="for")


class Opinion(Record):
    """One opinion or suggestion of the household (P5.1.2), classified by a topic of P3
    (TOPIC); the director decides on each one in the month's :class:`VisitSummary` by its
    1-based number within the visit (VISIT-ESCALATE)."""
    topic: Text | None = None
    text: Text


class Visit(Record):
    """A household visit record (业户访问记录, P5.1.2). ``mode`` and ``signature`` are checked by
    VISIT-MODE and VISIT-SIGNATURE rather than by type, so the rule ID is reported."""
    id: Text
    household: Text | None = None
    visitor: Text | None = None
    mode: Text | None = None
    appointment: Appointment | None = None
    time: DateTime | None = None
    channel: Text | None = None
    topics: list[Text] = []
    opinions: list[Opinion] = []
    signature: Text | None = None
    feedback_needed: Bool = False
    feedback: Entry | None = None
    return_visit: Bool = False
    follows_case: Text | None = None
    late_reason: Text | None = None


class Decision(Record):
    """The director's decision on one opinion (VISIT-ESCALATE): 采纳 / 不采纳 / 上报."""
    visit: Text
    opinion: Number = 1
    decision: Text | None = None
    note: Text | None = None


class VisitSummary(Record):
    """访问业户总结 for one month (VISIT-SUMMARY, P5.4.1). ``late_reason``: why it was submitted
    after the 5th (then a warning, not an error)."""
    month: Month
    submitted: Date | None = None
    late_reason: Text | None = None
    supervisor: Text | None = None
    decisions: list[Decision] = []


# --- surveys -----------------------------------------------------------------------------

class SurveyItem(Record):
    """One questionnaire item: ``no`` (1, 2, … in questionnaire order), its P3 ``topic``."""
    no: Number
    topic: Text | None = None
    text: Text


class Measure(Record):
    """An improvement measure (整改措施) for item ``item`` (its ``no``), done ``by`` a date."""
    item: Number
    measure: Text
    by: Date | None = None


class WrittenSuggestion(Record):
    """A written suggestion on a questionnaire (SURVEY-NEEDS); anonymous, never attributed."""
    topic: Text | None = None
    text: Text


class SurveyAnswers(Record):
    """``answers.yaml``: one string per returned questionnaire (see docs/records.md and
    :func:`hcomm_gen.domain.survey.parse_answer`), plus the written suggestions."""
    answers: list[Text] = []
    suggestions: list[WrittenSuggestion] = []


class SurveyRound(Record):
    """A survey round (问卷调查, P5.5–P5.7): ``round.yaml``; answers attached after loading.

    Dates: ``delivered_on`` (送达), ``collection_end`` (回收完毕), ``analysis_done``
    (问卷结果统计表 done), ``announced`` (整改公示 posted), ``quality_copy`` (copy of the
    table handed to 品质管理部, SURVEY-ARCHIVE; optional). A step done after its working-day
    deadline may say why: ``collection_late_reason``, ``analysis_late_reason``,
    ``announcement_late_reason`` (then a warning, not an error)."""
    round: Month
    delivered_on: Date
    delivered: Count
    units: list[Text] = []
    collection_end: Date | None = None
    collection_late_reason: Text | None = None
    items: list[SurveyItem] = []
    analysis_done: Date | None = None
    analysis_late_reason: Text | None = None
    measures: list[Measure] = []
    announced: Date | None = None
    announcement_late_reason: Text | None = None
    quality_copy: Date | None = None
    _answers: SurveyAnswers | None = PrivateAttr(default=None)

    @property
    def answers(self) -> SurveyAnswers | None:
        """The attached ``answers.yaml`` (``None`` when it does not exist or could not be read)."""
        return self._answers
