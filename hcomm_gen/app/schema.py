"""``hcomm schema``: JSON Schemas of the record files *as an editor reads them* (issue 12 item 6).

Editors (VS Code with the YAML extension, i.e. yaml-language-server, and others built on it)
read YAML 1.2 (core schema): ``true`` is a boolean, ``12`` and ``0301`` integers, ``2026-12-03``
and ``09:00`` strings, an empty value null. The loader reads every scalar as text and converts
it; the schema of each scalar type (:mod:`hcomm_gen.records.types`) accepts both the YAML 1.2
value and the text, so a record the loader accepts validates in the editor, and a record it
refuses for a type, a missing field, an unknown field or a choice not offered is marked at the
same field. Procedure rules (lead times, areas, signatures …) are not in the schema: they stay
with ``hcomm check``.

One schema per record kind (:data:`hcomm_gen.records.loader.RECORD_KINDS`), generated from the
pydantic models (the single source of truth), written for JSON Schema draft-07 (what
yaml-language-server supports), with Chinese titles and descriptions (:data:`FIELD_DOCS`) and
the Chinese names of the choices. The names a choice is accepted under come from the one object
that reads them for the loader: the enumeration whose ``read`` is the field's ``BeforeValidator``
(:func:`field_choices`; issue 12 item 3 attaches them to the fields), so every name added there
joins the schema; a field without one offers its values, named from the glossary (:func:`enum_labels`).
:func:`vscode_settings` maps the record folders to the written files (``yaml.schemas``).
"""
from __future__ import annotations

import copy
import json
import typing
from pathlib import Path

from pydantic import BaseModel

from hcomm_gen.domain.finance import PERIOD_FORMS
from hcomm_gen.domain.terms import NOTICE_KINDS, OUTAGE_KINDS
from hcomm_gen.records.loader import RECORD_KINDS, RecordKind

#: where ``hcomm schema`` writes in an office folder, and where the editor settings look
SCHEMA_DIR = ".hcomm/schema"
DRAFT = "http://json-schema.org/draft-07/schema#"

#: Chinese title of each record model (hover on a mapping)
MODEL_TITLES = {
    "Community": "小区（records/community.yaml）", "Office": "管理处", "ReceptionDay": "物业接待日",
    "Staff": "工作人员", "CalendarYear": "一年的节假日和调休", "NoticeLeadDays": "各类通知至少提前的天数",
    "Registry": "业户登记（records/households.yaml）", "Building": "楼栋", "Household": "业户",
    "Notice": "通知", "Contact": "联系人", "NoticeChange": "通知的变更", "Meeting": "业主会议",
    "Entry": "进展或回复", "Case": "投诉/建议/问题/财产损坏", "Suggestion": "意见箱建议（匿名）",
    "Appointment": "预约", "Opinion": "意见或建议", "Visit": "业户访问记录", "Decision": "主任的决定",
    "VisitSummary": "访问业户月度总结", "SurveyItem": "问卷题目", "Measure": "整改措施",
    "WarningSign": "警示标志",
    "WrittenSuggestion": "问卷上写的建议", "SurveyAnswers": "问卷答卷（answers.yaml）",
    "SurveyRound": "问卷调查一轮（round.yaml）",
}

#: Chinese (title, description) of each field: ``name`` for every model, ``Model.name`` where
#: the same name means something else in that model. Every field has one (tested).
FIELD_DOCS: dict[str, tuple[str, str]] = {
    "id": ("编号", "记录编号：英文字母、数字、- 和 _（例如 N-2026-1130-water、3-2-0301），不能有汉字、空格、/ 或 .，不能与其他记录重复"),
    "name": ("名称", "名称"),
    "Staff.name": ("称呼", "通知上显示的工作称呼（例如 王经理）"),
    "Contact.name": ("联系人", "联系人的称呼"),
    "Suggestion.name": ("姓名（不要填）", "意见箱建议是匿名的：不要填写姓名"),
    "address": ("地址", "管理处地址"),
    "hotline": ("服务电话", "管理处服务电话"),
    "suggestion_box": ("意见箱位置", "意见箱设在哪里，例如 管理处门口（印在公示和网站上；不填则不写位置）"),
    "hang_at": ("张贴位置", "警示标志挂在哪里，例如 1栋大堂"),
    "work_at": ("作业位置", "作业或施工在哪里（与张贴位置相同时可不填）"),
    "complaint_hotline": ("投诉电话", "投诉电话（可不填）"),
    "hours": ("办公时间", "办公时间，例如 8:30–17:30"),
    "weekday": ("星期几", "星期几：1 = 周一 … 7 = 周日"),
    "start": ("开始", "开始时间"),
    "end": ("结束", "结束时间；只写日期表示那一天结束"),
    "ReceptionDay.start": ("开始时刻", "接待开始的时刻"),
    "ReceptionDay.end": ("结束时刻", "接待结束的时刻"),
    "NoticeChange.start": ("新的开始时间", "改期后的开始时间"),
    "NoticeChange.end": ("新的结束时间", "改期或提前结束后的结束时间"),
    "place": ("地点", "地点"),
    "role": ("岗位", "岗位，例如 管理处主任"),
    "phone": ("电话", "联系电话"),
    "Suggestion.phone": ("电话（不要填）", "意见箱建议是匿名的：不要填写电话"),
    "holidays": ("节假日", "法定节假日的日期列表"),
    "workdays": ("调休上班日", "调休上班的日期列表"),
    "Notice.outage": ("停什么", "停水、停电、停气或电梯停用：停的是什么（停水停电通知必填；施工影响到的也写）"),
    "NoticeLeadDays.outage": ("停水停电", "停水、停电、停气、电梯停用通知至少提前的天数"),
    "pest_control": ("消杀", "消杀作业通知至少提前的天数"),
    "works": ("施工", "维修施工通知至少提前的天数"),
    "event": ("活动", "社区活动通知至少提前的天数"),
    "fee_change": ("收费调整", "收费调整通知至少提前的天数"),
    "contract_change": ("合同变更", "合同变更通知至少提前的天数"),
    "time_zone": ("时区", "时区名称，一般写 Asia/Shanghai"),
    "site_url": ("网站地址", "发布网站的地址，以 https:// 开头（二维码、订阅和日历链接用它）"),
    "office": ("管理处", "管理处的名称、地址和电话"),
    "reception_day": ("物业接待日", "每周的物业接待日：星期几、开始和结束时刻、地点"),
    "staff": ("工作人员", "通知上署名的工作人员"),
    "notice_lead_days": ("通知提前天数", "各类通知至少提前几天发布"),
    "finance_period": ("财务公示周期", "财务公示的周期"),
    "survey_months": ("问卷月份", "每年做问卷调查的月份（1–12）"),
    "notice_display_days": ("通知展示天数", "通知没有写 expires 时在公告栏上保留的天数"),
    "calendar": ("节假日日历", "按年份写节假日和调休上班日（日历库还不知道的年份）"),
    "records_since": ("开始记录日期", "管理处开始用本系统记录的日期：从这一天起的每个整月都要完成访问、总结等"),
    "company_items": ("公司调查项目编号", "问卷项目对应的公司统一编号：写“项目原文: 编号”，与 round.yaml 里 items 的 text 一字不差"),
    "building": ("楼栋", "楼栋，例如 3栋"),
    "units": ("单元", "单元列表，例如 [1单元, 2单元]"),
    "SurveyRound.units": ("调查的单元", "这一轮发放问卷的单元"),
    "unit": ("单元", "单元，例如 2单元"),
    "room": ("房号", "房号，例如 0301"),
    "type": ("类型", "类型"),
    "Household.type": ("住家/企业", "住家或企业"),
    "NoticeChange.type": ("变更类型", "改期、提前结束、取消或更正"),
    "occupied_since": ("入住日期", "入住日期"),
    "moved_out": ("迁出日期", "迁出日期（不能早于入住日期）"),
    "buildings": ("楼栋", "小区的楼栋和各楼栋的单元"),
    "households": ("业户", "每户一项：编号、楼栋、单元、房号"),
    "at": ("变更时间", "决定并发布这次变更的时间"),
    "text": ("内容", "文字内容"),
    "NoticeChange.text": ("告知内容", "告诉业户的变更内容"),
    "Suggestion.text": ("建议内容", "建议的内容"),
    "SurveyItem.text": ("题目", "题目的文字"),
    "kind": ("种类", "种类"),
    "Notice.kind": ("通知种类", "通知的种类"),
    "Case.kind": ("事件种类", "投诉、建议、问题或财产损坏"),
    "title": ("标题", "标题"),
    "published": ("发布时间", "通知发布（张贴）的时间"),
    "expires": ("撤下时间", "通知撤下的时间；只写日期表示那一天结束"),
    "areas": ("范围", "影响的楼栋或单元，例如 [3栋, 5栋2单元]"),
    "channels": ("发布渠道", "发布渠道，例如 [宣传栏, 微信群]"),
    "body": ("正文", "通知正文"),
    "actions": ("业户要做的事", "请业户做的准备或注意事项"),
    "warning_signs": ("警示标志", "现场设置的警示标志"),
    "measures": ("措施", "采取的措施"),
    "SurveyRound.measures": ("整改措施", "针对各题的整改措施"),
    "contact": ("联系人", "联系人和电话"),
    "period": ("公示期间", "财务公示的期间，例如 2026-Q1"),
    "changes": ("变更", "通知发布后的变更（改期、提前结束、取消、更正）"),
    "date": ("会议时间", "会议时间"),
    "topics": ("议题", "议题或话题"),
    "Visit.topics": ("话题", "访问谈到的话题"),
    "attendance": ("到会人数", "到会人数"),
    "minutes": ("会议纪要", "会议纪要"),
    "time": ("时间", "时间"),
    "Visit.time": ("访问时间", "访问的时间"),
    "late_reason": ("迟到原因", "晚于期限时写明原因（写了就只是警告）"),
    "channel": ("渠道", "收到的渠道，例如 电话、面谈、意见箱"),
    "received": ("收到时间", "收到的时间"),
    "household": ("业户", "业户编号，例如 3-2-0301"),
    "Suggestion.household": ("业户（不要填）", "意见箱建议是匿名的：不要填写业户"),
    "topic": ("话题", "话题（保安、保洁、绿化、维修、休闲/儿童游乐设施、管理人员、便民服务、特殊困难和需求、社区文化、其他）"),
    "summary": ("摘要", "事情的摘要"),
    "valid": ("是否有效", "是否为有效投诉"),
    "first_response": ("首次回应时间", "首次回应业户的时间（24 小时内）"),
    "response_late_reason": ("回应迟到原因", "首次回应超过 24 小时的原因"),
    "progress": ("进展", "处理进展，每项写时间和内容"),
    "resolved": ("解决时间", "解决的时间"),
    "feedback": ("回复", "回复业户的时间和内容"),
    "explanation": ("说明", "说明"),
    "communicated_to": ("告知对象", "告知了谁"),
    "made": ("预约时间", "预约的时间"),
    "for": ("约定时间", "约定访问的时间"),
    "visitor": ("访问人", "访问人"),
    "mode": ("访问方式", "上门、办公室、户外、问卷、电话或其他"),
    "appointment": ("预约", "预约：何时约的、约在何时"),
    "opinions": ("意见", "业户的意见或建议，每项写话题和内容"),
    "signature": ("签名", "已签名、拒绝签名（电话访问写 不适用）"),
    "feedback_needed": ("需要回复", "是否需要回复业户"),
    "return_visit": ("回访", "是否为回访"),
    "follows_case": ("回访的事件", "回访所跟进的事件编号"),
    "visit": ("访问编号", "访问记录的编号"),
    "opinion": ("意见序号", "该访问中第几条意见（1、2 …）"),
    "decision": ("决定", "采纳、不采纳或上报"),
    "note": ("备注", "备注"),
    "month": ("月份", "总结的月份"),
    "submitted": ("提交日期", "提交总结的日期"),
    "supervisor": ("审阅人", "审阅的主管"),
    "decisions": ("决定", "对各条意见的决定"),
    "no": ("题号", "题号（1、2 … 按问卷顺序）"),
    "item": ("题号", "整改针对的题号"),
    "measure": ("措施", "整改措施"),
    "by": ("完成日期", "完成整改的日期"),
    "answers": ("答卷", "每份收回的问卷一行"),
    "suggestions": ("书面建议", "问卷上写的建议（匿名）"),
    "round": ("调查月份", "这一轮调查的月份，例如 2026-06"),
    "delivered_on": ("送达日期", "问卷送达的日期"),
    "delivered": ("送达份数", "送达的问卷份数"),
    "collection_end": ("回收完毕日期", "问卷回收完毕的日期"),
    "collection_late_reason": ("回收迟到原因", "回收晚于期限的原因"),
    "items": ("题目", "问卷的题目"),
    "analysis_done": ("统计完成日期", "问卷结果统计表完成的日期"),
    "analysis_late_reason": ("统计迟到原因", "统计晚于期限的原因"),
    "announced": ("公示日期", "整改公示张贴的日期"),
    "announcement_late_reason": ("公示迟到原因", "公示晚于期限的原因"),
    "quality_copy": ("交品质部日期", "统计表复印件交品质管理部的日期"),
}

#: Chinese name of each choice that is not Chinese itself (the glossary's labels)
_PERIOD_NAMES = {kind: f"按{form[2]}" for kind, form in PERIOD_FORMS.items()}


def enum_labels() -> dict[str, str]:
    """``{choice: Chinese name}`` of the English choices of the record format (notice kinds,
    outage kinds, finance periods), from the glossary (:mod:`hcomm_gen.domain.terms`)."""
    return {**NOTICE_KINDS, **OUTAGE_KINDS, **_PERIOD_NAMES}


def _field_doc(model: str, name: str) -> tuple[str, str] | None:
    return FIELD_DOCS.get(f"{model}.{name}") or FIELD_DOCS.get(name)


def field_choices(model: type[BaseModel], name: str):
    """The enumeration object of field ``name`` of ``model``: the owner of the bound ``read``
    method given as the field's ``BeforeValidator`` when that owner has ``choices`` (each with
    ``value``, ``zh``, ``en``, ``names``: :mod:`hcomm_gen.records.types`), else ``None``."""
    info = model.model_fields.get(name)
    for meta in info.metadata if info is not None else ():
        owner = getattr(getattr(meta, "func", None), "__self__", None)
        if owner is not None and hasattr(owner, "choices"):
            return owner
    return None


def _choice_label(c) -> str:
    other = c.en or c.value
    return c.zh if other == c.zh else f"{c.zh}（{other}）"


def choice_spellings(enumeration) -> dict[str, str]:
    """``{spelling: what it means}`` of an enumeration object (:func:`field_choices`): each
    value first (described by the choice whose English name is the value itself, when there
    is one), then every Chinese and other name it is accepted under (an English label such as
    ``outage: water`` is a description, not offered as a spelling)."""
    out: dict[str, str] = {}
    choices = list(enumeration.choices)
    for c in sorted(choices, key=lambda c: c.en not in ("", c.value)):
        out.setdefault(c.value, _choice_label(c))
    for c in choices:
        for spelling in (c.zh, *c.names, c.en):
            if spelling and ":" not in spelling:
                out.setdefault(spelling, _choice_label(c))
    return out


def _enum_nodes(prop: dict) -> list[dict]:
    """The ``enum`` nodes of a property's schema (itself, or a branch of its ``anyOf``)."""
    return [n for n in [prop, *prop.get("anyOf", ())] if "enum" in n]


def _set_choices(node: dict, spellings: dict[str, str], listing: str) -> None:
    node["enum"] = list(spellings)
    node["enumDescriptions"] = list(spellings.values())
    node["description"] = f"可选：{listing}"
    node.pop("type", None)


def _enum(node: dict, labels: dict[str, str]) -> None:
    """A string ``enum`` with no enumeration object (:func:`field_choices`): its values, each
    named in Chinese from the glossary (``enumDescriptions``, shown by the editor next to each
    choice) and listed in the description."""
    values = [v for v in node["enum"] if isinstance(v, str)]
    spellings = {v: f"{labels[v]}（{v}）" if v in labels else v for v in values}
    _set_choices(node, spellings, "、".join(spellings.values()))


def _fix(node, labels: dict[str, str]):
    """Walk a pydantic schema: enums (:func:`_enum`), ``$defs`` references as draft-07 reads them
    (``#/definitions/…``; a ``$ref`` with siblings wrapped in ``allOf``, since draft-07 ignores
    the siblings of a ``$ref``), keys of a mapping (``propertyNames``) as text."""
    if isinstance(node, list):
        return [_fix(x, labels) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: _fix(v, labels) for k, v in node.items()}
    if "enum" in out and "enumDescriptions" not in out and all(isinstance(v, str) for v in out["enum"]):
        _enum(out, labels)
    if "const" in out and isinstance(out["const"], str):
        out["enum"] = [out.pop("const")]
        _enum(out, labels)
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        if len(out) > 1:
            ref = out.pop("$ref")
            out["allOf"] = [{"$ref": ref}]
    if isinstance(out.get("propertyNames"), dict):
        # mapping keys are always text in JSON: keep the text form of the key's type
        names = out["propertyNames"]
        text = next((b for b in names.get("anyOf", ()) if b.get("type") == "string"), None)
        if text is not None:
            out["propertyNames"] = {**text, "description": names.get("description", "")}
    return out


def _object_of(schema: dict) -> dict:
    """The object part of a model's schema: the schema itself, or for a record that may also
    be written as a plain text (:class:`~hcomm_gen.records.models.WarningSign`) its mapping form."""
    if "properties" in schema:
        return schema
    return next((b for b in schema.get("anyOf", ()) if "properties" in b), schema)


def _describe(schema: dict, model: type[BaseModel], labels: dict[str, str]) -> None:
    """Chinese title of the model and each field's title and description (:data:`FIELD_DOCS`);
    a field whose type carries a description (dates, numbers…) keeps it after its own; the
    choices of an enumeration field with all the names it is accepted under (:func:`field_choices`)."""
    schema["title"] = MODEL_TITLES.get(model.__name__, model.__name__)
    schema.pop("description", None)  # the model's docstring is English, for developers
    for name, prop in _object_of(schema).get("properties", {}).items():
        field = next((f for f, i in model.model_fields.items() if (i.alias or f) == name), name)
        enumeration = field_choices(model, field)
        for node in _enum_nodes(prop):
            if enumeration is not None:
                listing = "、".join(dict.fromkeys(_choice_label(c) for c in enumeration.choices))
                _set_choices(node, choice_spellings(enumeration), listing)
            elif all(isinstance(v, str) for v in node["enum"]):
                _enum(node, labels)
        doc = _field_doc(model.__name__, name)
        if doc is None:
            continue
        title, text = doc
        prop["title"] = title
        how = prop.get("description") or next(
            (b.get("description") for b in prop.get("anyOf", ()) if b.get("description")), None)
        prop["description"] = f"{text}。{how}" if how and how != text else text


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """``{class name: class}`` of ``model`` and every model nested in its fields (the
    ``$defs`` of its schema)."""
    out = {model.__name__: model}

    def visit(tp) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp.__name__ not in out:
                out.update(_models(tp))
            return
        for arg in typing.get_args(tp):
            visit(arg)

    for info in model.model_fields.values():
        visit(info.annotation)
    return out


#: what the loader accepts beyond the field's type: a ``site_url:`` left empty (read as ""),
#: the keys of ``calendar`` (years, written as numbers: text in JSON)
_PATCHES: dict[tuple[str, str], dict] = {
    ("Community", "site_url"): {"type": ["string", "number", "boolean", "null"]},
    ("Community", "calendar"): {"propertyNames": {"pattern": r"^\s*[+-]?\d+\s*$",
                                                  "description": "年份，例如 2027"}},
}


def _patch(schema: dict, model: type[BaseModel]) -> None:
    for (owner, name), extra in _PATCHES.items():
        if owner == model.__name__:
            schema["properties"][name].update(extra)


def record_schema(kind: RecordKind) -> dict:
    """The JSON Schema (draft-07) of one record kind, as an editor reading YAML 1.2 needs it
    (see the module doc). Unknown fields are refused (``additionalProperties: false``)."""
    raw = kind.model.model_json_schema(by_alias=True)
    defs = raw.pop("$defs", {})
    models = _models(kind.model)
    labels = enum_labels()
    for name, sub in [(kind.model.__name__, raw), *defs.items()]:
        _describe(sub, models[name], labels)
        _patch(sub, models[name])
    schema = {"$schema": DRAFT, "$id": f"https://hcomm.example.cn/schema/{kind.name}.schema.json",
              **_fix(raw, labels)}
    if defs:
        schema["definitions"] = _fix(defs, labels)
    return schema


def record_schemas() -> dict[str, dict]:
    """``{kind name: schema}`` of every record kind (:func:`record_schema`)."""
    return {kind.name: record_schema(kind) for kind in RECORD_KINDS}


def kind_globs(kind: RecordKind) -> list[str]:
    """Where the files of ``kind`` are, as workspace-relative glob patterns (``/records/notices/**/*.yaml``),
    both endings the loader reads (``.yaml``, ``.yml``) where it reads both.

    :raises ValueError: a kind this function does not know (a new kind must say where its files are)."""
    if kind.folder:
        stems = [f"/records/{kind.folder}/**/*"]
    elif kind.name in ("community", "households"):
        return [f"/records/{kind.name}.yaml"]  # the loader reads this name only
    elif kind.name == "survey-round":
        stems = ["/records/surveys/*/round"]
    elif kind.name == "survey-answers":
        stems = ["/records/surveys/*/answers"]
    else:  # a new kind must say where its files are
        raise ValueError(f"no file pattern for record kind {kind.name}")
    return [f"{s}.{end}" for s in stems for end in ("yaml", "yml")]


def schema_file(kind: RecordKind) -> str:
    """The schema file of ``kind``, relative to the office folder (``.hcomm/schema/notices.schema.json``)."""
    return f"{SCHEMA_DIR}/{kind.name}.schema.json"


def vscode_settings() -> dict:
    """The VS Code workspace settings of an office (``.vscode/settings.json``): each record
    folder mapped to its schema file (``yaml.schemas``, paths relative to the office folder as
    written by ``hcomm schema``), YAML 1.2, UTF-8 files."""
    return {
        "yaml.schemas": {f"./{schema_file(k)}": kind_globs(k) for k in RECORD_KINDS},
        "yaml.yamlVersion": "1.2",
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "files.encoding": "utf8",
        "files.autoGuessEncoding": False,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write :func:`record_schemas` as ``folder/KIND.schema.json`` (UTF-8); returns the paths.
    A file whose content is already right is left alone (no needless change in git).

    :raises OSError: the folder cannot be created or written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, schema in record_schemas().items():
        path = folder / f"{kind}.schema.json"
        text = _dump(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def settings_text() -> str:
    """:func:`vscode_settings` as the text of ``.vscode/settings.json``."""
    return _dump(copy.deepcopy(vscode_settings()))


#: the editor settings of an office, relative to its folder
SETTINGS_FILE = ".vscode/settings.json"


def install_editor_support(root: Path) -> tuple[list[Path], Path | None]:
    """Everything an editor needs in the office folder ``root``: the schemas in
    ``root/.hcomm/schema/`` (:func:`write_schemas`, refreshed) and ``root/.vscode/settings.json``
    (:func:`settings_text`) when there is none; existing settings are never changed (they may
    hold the office's own). Returns (schema paths, the settings file written or ``None``).

    :raises OSError: a file cannot be written.
    """
    paths = write_schemas(Path(root) / SCHEMA_DIR)
    settings = Path(root) / SETTINGS_FILE
    if settings.exists():
        return paths, None
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(settings_text(), encoding="utf-8")
    return paths, settings
