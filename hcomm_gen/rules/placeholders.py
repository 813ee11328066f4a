"""RECORD-PLACEHOLDER: a value still holding the text ``请填写…`` that ``hcomm init`` and
``hcomm new`` put where staff must write the real content (issue 12), reported at the line
of the value. In a published record (a notice's title, a publicity text, the office's
hotline) it is an error that stops publication: an untouched template must never reach the
board (an office tried: ``hcomm new 停水`` then ``hcomm build`` published a made-up water cut).
In a case or a visit, never published, it is a warning."""
from __future__ import annotations

from hcomm_gen.core.problems import Problem
from hcomm_gen.core.registry import rule
from hcomm_gen.records.models import Record
from hcomm_gen.rules.context import Context, error, warning

#: the mark of a place to fill in, in the values written by ``hcomm init`` and ``hcomm new``
MARK = "请填写"


def _places(rec: Record, published: bool) -> list[Problem]:
    """A problem for every text value of ``rec`` (as written in its file) holding :data:`MARK`:
    an error in a record that is published (``published``: the community, a notice, a meeting,
    a survey round — occupants would read 请填写 on the board, so it stops publication), a
    warning elsewhere (a case or visit is never published)."""
    if not rec.may_hold(MARK):
        return []  # not in its file's text: no value to walk (most records)
    make = error if published else warning
    out: list[Problem] = []

    def walk(value, loc: tuple) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, loc + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, loc + (i,))
        elif isinstance(value, str) and MARK in value:
            name = ".".join(str(p) for p in loc)
            line = value[value.find(MARK):].split("\n", 1)[0]
            out.append(make("RECORD-PLACEHOLDER", rec.text_pos(*loc, offset=value.find(MARK)),
                               f"{name} 还是模板里的“{line}”：请改成实际内容（hcomm new / hcomm init 生成的记录里，"
                               "标有“# 请填写”的地方都要改）。",
                               f"{name} still holds the template's '{line}': write the real content (every "
                               "place marked '# 请填写' in a record made by hcomm new / hcomm init)."))

    walk(rec.raw(), ())
    return out


@rule("RECORD-PLACEHOLDER", clause="格式", kind="format", severity="error", blocks=True,
      zh="模板里“请填写”的地方须改成实际内容", en="the template's 请填写 places are filled in",
      doc="a text value still holding `请填写…` (the placeholder `hcomm new` and `hcomm init --yes` "
          "write where staff must give the real content: a notice's title and text, a case's summary, "
          "the office's hotline) is an error at its line that stops publication in a published record "
          "(community, notice, meeting, survey round: occupants would read it), a warning in a case, "
          "suggestion or visit; comments (`# 请填写：…`) are not values")
def check_placeholders(ctx: Context) -> list[Problem]:
    """RECORD-PLACEHOLDER: every record of the office (community, notices, meetings, cases,
    suggestions, visits, visit summaries, survey rounds) is searched for :data:`MARK` in
    its values."""
    r = ctx.records
    out: list[Problem] = []
    for rec in [r.community, *r.notices, *r.meetings, *r.surveys]:
        out += _places(rec, published=True)
    for rec in [*r.cases, *r.suggestions, *r.visits, *r.visit_summaries]:
        out += _places(rec, published=False)
    return out
