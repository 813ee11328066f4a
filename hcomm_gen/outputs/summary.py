"""``site/summary.json``: the office's public figures as JSON (issue 13.3; docs/summary-json.md).

:func:`summary_json` writes the :class:`~hcomm_gen.domain.office_figures.PublicFigures` of
:func:`~hcomm_gen.domain.office_figures.office_figures` (aggregates only: never the company
part, never a household) as UTF-8 JSON valid against the schema shipped in the package
(:data:`SCHEMA_PATH`, ``hcomm_gen/defaults/summary.schema.json``);
:func:`public_from_json` reads it back into the same dataclasses (the company report reads an
office's published ``summary.json`` this way).

Encoding: an exact value (a Fraction) is ``{"num": n, "den": d, "display": "…"}`` with
``den > 0`` and ``num/den`` the exact value in the unit the field names (percent, percentage
points, hours, days); ``display`` is it rounded to one decimal, half up, as the office's pages
show it (:func:`~hcomm_gen.domain.survey.pct`). ``None`` is ``null``. Dates are ``YYYY-MM-DD``,
months ``YYYY-MM``, the moment ``now`` ISO 8601 with its UTC offset. Keys keep the order of
the dataclasses; the text is stable for the same records and ``now``.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from hcomm_gen.domain.office_figures import (
    CaseMonth,
    MainItem,
    OverdueArea,
    Period,
    PublicFigures,
    QuotaMonth,
    SurveyFigures,
    office_figures,
)
from hcomm_gen.domain.survey import pct
from hcomm_gen.records.loader import Records

#: where the site's summary lies, under the site root
SUMMARY = "summary.json"
#: the ``format`` and ``version`` written at the top; a reader refuses another format, and a
#: higher version means fields were added or changed (docs/summary-json.md "Versions")
FORMAT, VERSION = "hcomm-summary", 1
#: the JSON Schema of the file, shipped in the package
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "defaults" / "summary.schema.json"


def exact(value: Fraction | int | None) -> dict[str, Any] | None:
    """``{"num", "den", "display"}`` of an exact value (``None`` → ``None``)."""
    if value is None:
        return None
    v = Fraction(value)
    return {"num": v.numerator, "den": v.denominator, "display": pct(v)}


def _frac(obj: dict[str, Any] | None) -> Fraction | None:
    return None if obj is None else Fraction(obj["num"], obj["den"])


def _quota(q: QuotaMonth | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"month": q.month, "occupied": q.occupied, "rate_percent": q.rate_percent, "required": q.required,
            "visited": q.visited, "visits": q.visits, "met": q.met, "complete": q.complete}


def _case(m: CaseMonth) -> dict[str, Any]:
    return {"month": m.month, "received": m.received, "by_kind": dict(m.by_kind),
            "times_published": m.times_published, "responded": m.responded, "within_24h": m.within_24h,
            "response_rate": exact(m.response_rate), "response_withheld": m.response_withheld,
            "median_response_hours": exact(m.median_response_hours), "resolved": m.resolved,
            "median_resolve_days": exact(m.median_resolve_days), "resolve_withheld": m.resolve_withheld}


def _main(i: MainItem) -> dict[str, Any]:
    return {"rank": i.rank, "no": i.no, "text": i.text, "topic": i.topic, "dissatisfied": i.dissatisfied,
            "share": exact(i.share), "cumulative": exact(i.cumulative), "company_code": i.company_code}


def _survey(s: SurveyFigures) -> dict[str, Any]:
    return {"round": s.round, "delivered_on": s.delivered_on.isoformat(), "delivered": s.delivered,
            "returned": s.returned, "return_rate": exact(s.return_rate), "return_ok": s.return_ok,
            "penalty": exact(s.penalty), "raw_satisfaction": exact(s.raw_satisfaction),
            "adjusted_satisfaction": exact(s.adjusted_satisfaction),
            "main_items": [_main(i) for i in s.main_items]}


def _overdue(o: OverdueArea) -> dict[str, Any]:
    return {"area": o.area, "overdue": o.overdue, "due": o.due, "unknown": o.unknown, "by_kind": dict(o.by_kind)}


def summary_dict(p: PublicFigures) -> dict[str, Any]:
    """The JSON object of ``p`` (see the module doc and docs/summary-json.md)."""
    per = p.period
    return {
        "format": FORMAT, "version": VERSION,
        "community": {"id": p.community_id, "name": p.community_name},
        "period": {"now": per.now.isoformat(), "today": per.today.isoformat(),
                   "records_since": per.records_since.isoformat() if per.records_since else None,
                   "first_month": per.first_month, "last_complete_month": per.last_complete_month,
                   "this_month": per.this_month, "months": list(per.months)},
        "occupied": p.occupied,
        "visit_quota": {"months": [_quota(q) for q in p.quota], "this_month": _quota(p.quota_this_month)},
        "cases": [_case(m) for m in p.cases],
        "surveys": [_survey(s) for s in p.surveys],
        "overdue": [_overdue(o) for o in p.overdue],
    }


def summary_json(records: Records, now: datetime) -> bytes:
    """``site/summary.json`` of the office of ``records`` as of aware ``now``: UTF-8 JSON of
    :func:`summary_dict`, indented, ending in a newline."""
    figures = office_figures(records, now).public
    return (json.dumps(summary_dict(figures), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of ``summary.json`` (:data:`SCHEMA_PATH`)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _quota_back(d: dict[str, Any] | None) -> QuotaMonth | None:
    if d is None:
        return None
    return QuotaMonth(d["month"], d["occupied"], d["rate_percent"], d["required"], d["visited"], d["visits"],
                      d["met"], d["complete"])


def public_from_json(data: dict[str, Any]) -> PublicFigures:
    """The :class:`PublicFigures` of a parsed ``summary.json`` (the inverse of
    :func:`summary_dict`: ``public_from_json(summary_dict(p)) == p``).

    :raises ValueError: not a ``summary.json`` of :data:`FORMAT` version :data:`VERSION` or
        lower, or a field missing or of the wrong type (validate against :func:`schema` first
        for a message naming the field).
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("version"), int) \
            or data["version"] > VERSION:
        raise ValueError(f"not a {FORMAT} file of version ≤ {VERSION}")
    try:
        per = data["period"]
        period = Period(datetime.fromisoformat(per["now"]), date.fromisoformat(per["today"]),
                        date.fromisoformat(per["records_since"]) if per["records_since"] else None,
                        per["first_month"], per["last_complete_month"], per["this_month"], tuple(per["months"]))
        quota = tuple(q for q in (_quota_back(d) for d in data["visit_quota"]["months"]) if q is not None)
        cases = tuple(CaseMonth(m["month"], m["received"], tuple(m["by_kind"].items()), m["times_published"],
                                m["responded"], m["within_24h"], _frac(m["response_rate"]), m["response_withheld"],
                                _frac(m["median_response_hours"]), m["resolved"], _frac(m["median_resolve_days"]),
                                m["resolve_withheld"]) for m in data["cases"])
        surveys = tuple(SurveyFigures(
            s["round"], date.fromisoformat(s["delivered_on"]), s["delivered"], s["returned"],
            _frac(s["return_rate"]), s["return_ok"], _frac(s["penalty"]) or Fraction(0),
            _frac(s["raw_satisfaction"]), _frac(s["adjusted_satisfaction"]),
            tuple(MainItem(i["rank"], i["no"], i["text"], i["topic"], i["dissatisfied"],
                           _frac(i["share"]) or Fraction(0), _frac(i["cumulative"]) or Fraction(0),
                           i["company_code"]) for i in s["main_items"])) for s in data["surveys"])
        overdue = tuple(OverdueArea(o["area"], o["overdue"], o["due"], o["unknown"], tuple(o["by_kind"].items()))
                        for o in data["overdue"])
        return PublicFigures(data["community"]["id"], data["community"]["name"], period, data["occupied"], quota,
                             _quota_back(data["visit_quota"]["this_month"]), cases, surveys, overdue)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"summary.json: missing or malformed field {exc}") from None
