"""PUBLIC-PRIVACY: no occupant's phone, room or name in a published text (PROCEDURE.md
"Outputs" (输出): never anyone's phone or name other than staff contact points; VISIT-PRIVACY,
P5.3.3, by analogy).

Interpretations (also in docs/rules.md):

* the published texts are those the site and the printed sheets show (:func:`published_texts`):
  a notice's title, body, actions, measures, period, warning signs and the text of each
  change; a meeting's title, place and topics; a survey round's item texts and improvement
  measures (the minutes of a meeting, written suggestions and answers are never published);
* a phone number is a mobile (1[3-9] and 9 digits) or a landline with its area code, spaces
  and dashes allowed; the public contact points are allowed (the office hotline and
  complaint hotline, the staff phones of community.yaml, the notice's own ``contact.phone``),
  compared by their digits; a landline is reported only with a personal name next to it
  (alone it is an organisation's line: the water company's hotline, a corrected contact
  number), a mobile always;
* a room is an address of a household of the registry (households.yaml) written as
  4栋1单元0302, 4栋1单元302, 4栋0302(室) or 4-1-0302; an area (3栋, 3栋2单元) is no room;
* a personal name written right after or before such a room or phone (王秀英, 王先生) is
  named in the same finding.

The patterns are those of :mod:`hcomm_gen.domain.privacy` (shared with SUGGESTION-ANONYMOUS).
"""
from __future__ import annotations

from collections.abc import Iterator

from hcomm_gen.core.problems import Problem
from hcomm_gen.core.registry import rule
from hcomm_gen.domain.privacy import Finding, digits, find_private, registry_rooms
from hcomm_gen.records.models import Record
from hcomm_gen.rules.context import Context, error

#: the text fields of a notice that are published, in file order (lists: each item)
NOTICE_FIELDS = ("title", "body", "actions", "measures", "period", "warning_signs")


def _texts(rec: Record, *names: str) -> Iterator[tuple[tuple, str]]:
    """``(loc, text)`` of the text fields ``names`` of ``rec`` (a list field: each item),
    as written in the file when that is a text (offsets then match the file)."""
    for name in names:
        value = getattr(rec, name, None)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            loc = (name,) if i is None else (name, i)
            raw = rec.raw(*loc)
            text = raw if isinstance(raw, str) else item
            if isinstance(text, str) and text:
                yield loc, text


def published_texts(ctx: Context) -> Iterator[tuple[Record, tuple, str, set[str]]]:
    """``(record, field loc, text, extra public phones)`` of every published text of the
    notices (a warning sign written as a mapping: its ``hang_at`` and ``work_at``), meetings
    and survey rounds; the extra public phones are the digits of a notice's own
    ``contact.phone``."""
    for n in ctx.records.notices:
        own = {digits(n.contact.phone)} if n.contact and n.contact.phone else set()
        for loc, text in _texts(n, *NOTICE_FIELDS):
            yield n, loc, text, own
        for sign in n.warning_signs:   # a sign written as a mapping: its two places
            if isinstance(sign.raw(), dict):
                for loc, text in _texts(sign, "hang_at", "work_at"):
                    yield sign, loc, text, own
        for ch in n.changes:
            for loc, text in _texts(ch, "text"):
                yield ch, loc, text, own
    for m in ctx.records.meetings:
        for loc, text in _texts(m, "title", "place", "topics"):
            yield m, loc, text, set()
    for s in ctx.records.surveys:
        for item in s.items:
            for loc, text in _texts(item, "text"):
                yield item, loc, text, set()
        for measure in s.measures:
            for loc, text in _texts(measure, "measure"):
                yield measure, loc, text, set()


def _field_name(rec: Record, loc: tuple) -> str:
    """The field as the office writes it: ``body``, ``warning_signs[2]``, ``changes[1].text``."""
    name = loc[0] + "".join(f"[{x + 1}]" for x in loc[1:])
    outer = rec._loc
    if outer and isinstance(outer[-1], int) and len(outer) >= 2:
        return f"{outer[-2]}[{outer[-1] + 1}].{name}"
    return name


def _problem(rec: Record, loc: tuple, f: Finding) -> Problem:
    what_zh = {"phone": "电话号码", "room": "房号"}[f.what]
    who_zh = f"和姓名“{f.name}”" if f.name else ""
    who_en = f" and the name '{f.name}'" if f.name else ""
    field = _field_name(rec, loc)
    return error("PUBLIC-PRIVACY", rec.text_pos(*loc, offset=f.start),
                 f"公开内容 {field} 里有住户的{what_zh}{who_zh}：“{f.text}”；公开的通知不能出现住户的电话、"
                 "房号或姓名（管理处和员工的公开电话除外）。请改成“相关住户”或“3栋2单元部分住户”这样的说法，"
                 "并请住户打管理处服务电话联系。",
                 f"The published field {field} contains an occupant's {f.what}{who_en}: '{f.text}'; a public "
                 "notice carries no phone, room or name of an occupant (the office's and staff's public "
                 "numbers excepted). Write '相关住户' or '3栋2单元部分住户' instead and ask occupants to call "
                 "the office hotline.")


@rule("PUBLIC-PRIVACY", clause="输出", kind="format", blocks=True,
      zh="公开内容不得出现住户的电话、房号或姓名", en="no occupant's phone, room or name in a published text",
      doc="every published text of notices (title, body, actions, measures, period, warning signs, "
          "each change's text), meetings (title, place, topics) and survey rounds (item texts, "
          "measures): no mobile number, and no landline next to a personal name, other than the "
          "public contact points (office hotlines, staff phones, the notice's own `contact.phone`), "
          "no room of a household of the "
          "registry (4栋1单元0302, 4栋1单元302, 4栋0302, 4-1-0302; an area such as 3栋2单元 is "
          "fine); a name written next to such a room or phone is named in the same finding")
def check_public_privacy(ctx: Context) -> list[Problem]:
    """PUBLIC-PRIVACY (PROCEDURE.md "Outputs"): one error per phone number or registry room in a
    published text (:func:`published_texts`), at its line and column, naming the field, the text
    and a name written next to it (:func:`hcomm_gen.domain.privacy.find_private`)."""
    c = ctx.records.community
    public = {digits(p) for p in (c.office.hotline, c.office.complaint_hotline,
                                  *(s.phone for s in c.staff)) if p}
    rooms = registry_rooms(ctx.records.registry.households)
    out = []
    for rec, loc, text, own in published_texts(ctx):
        for f in find_private(text, rooms, public | own):
            out.append(_problem(rec, loc, f))
    return out

