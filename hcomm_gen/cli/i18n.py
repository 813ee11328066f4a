"""The language of the command line: gettext catalogues (managed with Babel), Chinese by default.

The messages of the command line are written in English in the code and translated through
the gettext catalogue ``hcomm`` (``hcomm_gen/cli/locale/zh/LC_MESSAGES/hcomm.po``, compiled
to ``hcomm.mo`` next to it and shipped in the wheel). Three kinds of text go through it:

* click's own messages (``Usage:``, ``Options:``, ``No such command 'chek'.``, ``Missing
  argument``, ``Did you mean 'check'?`` …): click looks each one up with the function
  ``gettext`` it imported as ``_`` (and ``ngettext``); :func:`_install_for_click` points those
  names of click's modules at :func:`gettext` / :func:`ngettext` below, so they read the
  ``hcomm`` catalogue in the chosen language (click documents that applications translate
  its messages along with their own; the catalogue holds click's message IDs);
* the help of our commands and options (docstrings and ``help=``): translated when the help
  is formatted (:class:`HcommCommand`, :class:`HcommGroup` in :mod:`hcomm_gen.cli.base`), so
  that the language chosen by ``--lang`` applies; a help text without an entry in the
  catalogue is shown as written (English);
* texts of our own marked ``_("…")`` in ``hcomm_gen/cli`` (progress labels …).

Messages that say something about the records (problems, errors of the library, the summary
lines printed with :meth:`hcomm_gen.cli.base.Ctx.say`) are written in both languages where they
are made (``Problem(zh, en)``, ``HcommError(zh, en)``, ``ctx.say(zh, en)``): the lower layers
have no catalogue, and those messages are composed with numbers and names. ``say`` stays the
way to print such a pair.

The language is ``--lang`` (``zh`` or ``en``), else the environment variable ``HCOMM_LANG``,
else ``zh``. It is known before click parses anything (:func:`lang_of_args`), so that
``hcomm --help --lang en`` and usage errors are in that language too.

Adding a translation (README "Translating the command line"): ``python scripts/i18n.py
extract`` writes ``hcomm.pot`` (our ``_()`` texts, click's messages and every help text of
the command tree), ``pybabel update`` merges it into ``hcomm.po``, a translator fills the
``msgstr`` lines, ``pybabel compile`` writes ``hcomm.mo``.
"""
from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["DOMAIN", "ENV", "LANGS", "LOCALE_DIR", "N_", "current", "gettext", "lang_of_args",
           "ngettext", "set_lang", "translate_help"]

#: the gettext domain of hcomm's catalogue
DOMAIN = "hcomm"
#: where the catalogues are: ``LOCALE_DIR/<lang>/LC_MESSAGES/hcomm.{po,mo}``
LOCALE_DIR = Path(__file__).parent / "locale"
#: the languages of the command line; the first is the default
LANGS = ("zh", "en")
#: the environment variable naming the language when ``--lang`` is not given
ENV = "HCOMM_LANG"

_catalogues: dict[str, _gettext.NullTranslations] = {}
#: English (the message IDs) until ``hcomm`` starts and chooses (:func:`set_lang`): what click
#: translates when the commands are defined (the names of its types, ``FILE``) stays English
_lang = "en"


def _catalogue(lang: str) -> _gettext.NullTranslations:
    """The translations of ``lang`` (English: none, the message IDs are English). A missing
    ``.mo`` file (a source checkout not compiled yet) falls back to English."""
    if lang not in _catalogues:
        if lang == "en":
            _catalogues[lang] = _gettext.NullTranslations()
        else:
            _catalogues[lang] = _gettext.translation(DOMAIN, str(LOCALE_DIR), [lang], fallback=True)
    return _catalogues[lang]


def normal_lang(value: str | None) -> str | None:
    """``zh``, ``zh_CN``, ``zh-Hans``, ``中文`` → ``zh``; ``en``, ``en_US.UTF-8`` → ``en``;
    anything else (or nothing) → ``None``."""
    if not value:
        return None
    v = value.strip().lower()
    if v.startswith("zh") or v in ("中文", "chinese", "cn"):
        return "zh"
    if v.startswith("en") or v == "english":
        return "en"
    return None


def lang_of_args(args: Sequence[str], environ=os.environ) -> str:
    """The language asked for before click parses the command line: the value of the last
    ``--lang X`` / ``--lang=X`` among ``args`` (before a ``--``), else ``HCOMM_LANG``, else
    ``zh``. A value that names no language is left to click to refuse (the default is used
    meanwhile)."""
    found = None
    it = iter(args)
    for a in it:
        if a == "--":
            break
        if a == "--lang":
            found = normal_lang(next(it, None)) or found
        elif a.startswith("--lang="):
            found = normal_lang(a.split("=", 1)[1]) or found
    return found or normal_lang(environ.get(ENV)) or LANGS[0]


def set_lang(lang: str) -> None:
    """Use ``lang`` (``zh`` or ``en``) for every message from now on (this process)."""
    global _lang
    _lang = normal_lang(lang) or LANGS[0]


def current() -> str:
    """The language in use (``zh`` or ``en``)."""
    return _lang


def gettext(message: str) -> str:
    """``message`` (English) in the current language; itself when the catalogue has no entry."""
    return _catalogue(_lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return _catalogue(_lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it here (it is translated
    where it is shown)."""
    return message


#: messages click looks up with a computed ID (``_(extra["required"])``), marked here so that
#: extraction (scripts/i18n.py) finds them
CLICK_COMPUTED = (N_("required"),)


def translate_help(text: str | None) -> str | None:
    """A help text (a command's docstring or an option's ``help=``) in the current language:
    looked up as click shows it (``inspect.cleandoc``); itself when untranslated."""
    if not text:
        return text
    import inspect
    key = inspect.cleandoc(text)
    done = gettext(key)
    return text if done is key else done


#: click's modules that look their messages up with ``from gettext import gettext as _``
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui",
                  "utils", "shell_completion", "_termui_impl")


def _install_for_click() -> None:
    """Point the ``_`` and ``ngettext`` that click's modules imported from :mod:`gettext` at
    :func:`gettext` and :func:`ngettext` of this module (the ``hcomm`` catalogue in the current
    language). Only names still bound to the standard library's functions are replaced."""
    import importlib
    for name in _CLICK_MODULES:
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module of another click version
            continue
        if getattr(mod, "_", None) is _gettext.gettext:
            mod._ = gettext  # type: ignore[attr-defined]
        if getattr(mod, "ngettext", None) is _gettext.ngettext:
            mod.ngettext = ngettext  # type: ignore[attr-defined]


_install_for_click()


# --- help text with Chinese: wrapped by display width ------------------------------------
#
# click wraps help at spaces and counts characters; Chinese has no spaces and each character
# takes two columns, so a Chinese paragraph came out as one line twice the terminal's width.
# :class:`HelpFormatter` wraps a text holding wide characters by columns (a line may break
# between any two Chinese characters, never before closing punctuation); other texts are
# wrapped by click as before.

_CLOSING = set("，。、；：？！）》」』】〕”’…,.;:?!)]}")
_OPENING = set("（《「『【〔“‘([{")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: 2 for a wide (East Asian) character, 0 for a
    combining mark, else 1."""
    import unicodedata
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _is_wide(ch: str) -> bool:
    import unicodedata
    return unicodedata.east_asian_width(ch) in "WF"


def has_wide(text: str) -> bool:
    """Whether ``text`` holds a wide (Chinese) character."""
    return any(_is_wide(ch) for ch in text)


def _tokens(text: str) -> list[str]:
    """Words (runs of narrow characters), single wide characters and single spaces."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isspace():
            if word:
                out.append(word)
                word = ""
            if out and out[-1] != " ":
                out.append(" ")
        elif _is_wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap_wide(text: str, cols: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """One paragraph ``text`` wrapped into lines of at most ``cols`` columns; a line never
    starts with closing punctuation (the character before it moves down with it) nor ends
    with an opening one."""
    lines: list[str] = []
    cur: list[str] = []
    indent = initial_indent

    def cur_width() -> int:
        return width(indent) + sum(width(t) for t in cur)

    for tok in _tokens(text):
        if tok == " ":
            if cur and cur[-1] != " ":
                cur.append(tok)
            continue
        if cur and cur_width() + width(tok) > cols:
            carried: list[str] = []
            if tok in _CLOSING:  # the word before it (and closing marks between) go down too
                while cur and cur[-1] == " ":
                    cur.pop()
                while len(cur) > 1 and cur[-1] in _CLOSING:
                    carried.insert(0, cur.pop())
                if len(cur) > 1:
                    carried.insert(0, cur.pop())
            while len(cur) > 1 and cur[-1] in _OPENING:  # nor ends with an opening mark
                carried.insert(0, cur.pop())
            lines.append((indent + "".join(cur)).rstrip())
            indent, cur = subsequent_indent, carried
        cur.append(tok)
    if cur:
        lines.append((indent + "".join(cur)).rstrip())
    return lines


def _join(lines: list[str]) -> str:
    """Lines of one paragraph joined: a space between them unless both sides are Chinese."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if out and not (_is_wide(out[-1]) and line and _is_wide(line[0])):
            out += " "
        out += line
    return out


def wrap_paragraphs(text: str, cols: int, indent: str = "") -> str:
    """Like click's ``wrap_text(preserve_paragraphs=True)`` by display width: paragraphs are
    separated by a blank line; one whose first line is ``\\b`` is kept as written."""
    out: list[str] = []
    for par in text.split("\n\n"):
        lines = par.split("\n")
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(indent + ln for ln in lines[1:]))
        elif par.strip():
            out.append("\n".join(wrap_wide(_join(lines), cols, indent, indent)))
    return "\n\n".join(out)
