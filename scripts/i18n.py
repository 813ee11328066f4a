"""The message catalogue of the command line (:mod:`hcomm_gen.cli.i18n`), with Babel.

    python scripts/i18n.py extract      # hcomm_gen/cli/locale/hcomm.pot
    pybabel update -i hcomm_gen/cli/locale/hcomm.pot -d hcomm_gen/cli/locale -D hcomm -l zh --no-fuzzy-matching
    # fill the empty msgstr "" lines of hcomm_gen/cli/locale/zh/LC_MESSAGES/hcomm.po
    pybabel compile -d hcomm_gen/cli/locale -D hcomm -l zh
    python scripts/i18n.py missing      # message IDs without a Chinese translation (exit 1 if any)

``extract`` gathers three sources into one template (``.pot``), like ``pybabel extract`` but
also reading what ``pybabel extract`` cannot see:

* the texts marked ``_("…")``, ``N_("…")``, ``ngettext(…)`` in ``hcomm_gen/cli`` (Babel's
  Python extractor, as ``pybabel extract`` does);
* click's own messages (``Usage:``, ``No such command …``), extracted from the installed click
  package (click marks them with gettext the same way);
* the help of every command, group and option of ``hcomm`` (docstrings and ``help=``, as
  click shows them: ``inspect.cleandoc``), read from the command tree.

Message IDs are English; the catalogue ``zh`` translates them. Babel is needed only here
(``pip install babel``, in the ``test`` extra); hcomm reads the compiled ``.mo`` with the
standard library's :mod:`gettext`.
"""
from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCALE = ROOT / "hcomm_gen" / "cli" / "locale"
POT = LOCALE / "hcomm.pot"
PO = LOCALE / "zh" / "LC_MESSAGES" / "hcomm.po"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def help_texts(cmd, path: str = "hcomm") -> list[tuple[str, str]]:
    """``(message ID, where)`` of every help text of the click command ``cmd`` and below:
    its docstring / ``help``, ``short_help``, each option's ``help``."""
    import click
    out = []
    for text in (cmd.help, cmd.short_help):
        if text:
            out.append((inspect.cleandoc(text), path))
    for p in cmd.params:
        if isinstance(p, click.Option) and p.help:
            out.append((inspect.cleandoc(p.help), f"{path} {p.opts[-1]}"))
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            out.extend(help_texts(sub, f"{path} {name}"))
    return out


def catalogue():
    """The template: a Babel ``Catalog`` of every message ID of the command line."""
    import click
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from hcomm_gen.cli import load_commands, main
    load_commands(main)  # the command modules are imported when used: all of them here
    cat = Catalog(project="hcomm", domain="hcomm", charset="utf-8")
    for folder, label in ((ROOT / "hcomm_gen" / "cli", "hcomm_gen/cli"),
                          (Path(click.__file__).parent, "click")):
        for fname, lineno, msg, comments, context in extract_from_dir(
                str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS):
            cat.add(msg, locations=[(f"{label}/{fname}", lineno)], auto_comments=comments, context=context)
    for msg, where in help_texts(main):
        cat.add(msg, auto_comments=[f"help: {where}"])
    return cat


def extract() -> None:
    """Write :data:`POT`."""
    from babel.messages.pofile import write_po
    LOCALE.mkdir(parents=True, exist_ok=True)
    with POT.open("wb") as fh:
        write_po(fh, catalogue(), width=100, sort_output=False)
    print(f"wrote {POT.relative_to(ROOT)}")


def missing() -> list[str]:
    """The message IDs of the template (as extracted now) without a Chinese translation in
    :data:`PO`."""
    from babel.messages.pofile import read_po
    with PO.open("rb") as fh:
        po = read_po(fh)
    out = []
    for m in catalogue():
        if not m.id:
            continue
        have = po.get(m.id, m.context)
        strings = have.string if have is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)) or (have and have.fuzzy):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "extract"
    if what == "extract":
        extract()
    elif what == "missing":
        left = missing()
        for m in left:
            print(m)
        sys.exit(1 if left else 0)
    else:
        sys.exit(f"usage: python scripts/i18n.py extract|missing (not {what!r})")
