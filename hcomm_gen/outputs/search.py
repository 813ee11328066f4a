"""The site's Chinese search: the words occupants type, taught to the word segmenter.

Material for MkDocs' search plugin segments Chinese text at build time with jieba (its options
``jieba_dict``/``jieba_dict_user``); the browser then matches the words typed against those
words (lunr, prefix match). Two things keep the stock setup from finding what occupants type:

* jieba's dictionary does not know the community's names (``3栋``, ``3栋2单元``) nor dates
  (``12月3日``): :func:`search_words` lists them and :func:`write_search_words` writes them as a
  jieba user dictionary (one word a line; jieba computes a frequency that keeps each word
  whole), which :func:`hcomm_gen.outputs.site.mkdocs_config` gives to the plugin
  (``jieba_dict_user``), in the build's work folder next to ``mkdocs.yml``;
* the plugin hands jieba only the runs of Han characters (``3栋`` reaches it as ``栋``, the
  digit already cut off) and joins the words with U+200B ZERO WIDTH SPACE, which then sits,
  invisible, in every title and snippet of the results. :class:`CjkSearch` (added to the
  plugins by :func:`hcomm_gen.outputs.site.run_mkdocs`) makes the plugin hand jieba the runs
  of Han characters *and digits*, and join the words with ``<wbr/>`` (an HTML line-break
  opportunity: no character at all; Material's tokenizer splits the indexed text at markup).

The browser side splits a query at :data:`SEPARATOR`: spaces and Chinese punctuation, and the
places between a building, unit, month or day and the word after it, so that ``3栋停电`` is
searched as ``3栋`` and ``停电`` (Material itself only cuts runs of Han characters it finds
in the index, never ``3栋``).

jieba keeps one dictionary per process: the words of a build stay loaded for the next build in
the same process (``hcomm serve``, tests). The dates are a fixed list and the names come from
the same records, so the index of a rebuild is the same bytes (checked over three builds).
"""
from __future__ import annotations

import logging
import re
from calendar import monthrange
from pathlib import Path

from hcomm_gen.domain.terms import OUTAGE_KINDS
from hcomm_gen.records.loader import Records

__all__ = ["SEARCH_WORDS", "SEPARATOR", "CjkSearch", "search_words", "write_search_words"]

#: file name of the jieba user dictionary, in the build's work folder
SEARCH_WORDS = "search-words.txt"

#: lunr's separator (a JavaScript regular expression, used for the index and the query):
#: white space and Chinese punctuation; the empty places after a year before its month
#: (``2026年|12月3日``), after a numbered building, unit, month or day before a Han character
#: (``3栋|停电``, ``12月3日|停水``), and after a Han character before a digit unless it
#: belongs to a date or a unit (``停电|3栋``, but ``12月3日`` and ``3栋2单元`` stay whole)
SEPARATOR = (r"[\s\u3000\-、。，．？！；：,;]+"
             r"|(?<=\d年)(?=\d)"
             r"|(?<=\d(?:栋|单元|月|日|号楼))(?=[\u4e00-\u9fff])"
             r"|(?<=[\u4e00-\u9fff])(?<![年月栋元])(?=\d)")

#: the kinds of stop occupants search for besides the names of the outages (停水, 停电 …)
_KIND_WORDS = ("消杀", "电梯停运")  # 电梯停运: what occupants may also type


def _dates() -> list[str]:
    """Every day and month of a (leap) year as written on notices: ``1月``, ``1月1日`` …
    ``12月31日``; a fixed list, so that the dictionary does not change with the notices."""
    words = []
    for m in range(1, 13):
        words.append(f"{m}月")
        words += [f"{m}月{d}日" for d in range(1, monthrange(2024, m)[1] + 1)]
    return words


def search_words(records: Records) -> list[str]:
    """The words the segmenter must keep whole, in a fixed order without repeats: each
    building of the household registry (``3栋``), its units with and without the building
    (``3栋2单元``, ``2单元``), every area named by a notice (``地下车库B区``), the years of the
    notices (``2026年``), every month and day (``12月``, ``12月3日``) and the kinds of stop
    (``停水``, ``停电``, ``停气``, ``电梯停运``, ``电梯停用``, ``消杀``). Words holding white space
    (which a jieba dictionary cannot) or no Han character are left out."""
    words: list[str] = []
    for b in records.registry.buildings:
        words.append(b.building)
        words += [f"{b.building}{u}" for u in b.units]
        words += list(b.units)
    for n in records.notices:
        words += list(n.areas)
    for n in records.notices:
        if n.published is not None:
            words.append(f"{n.published.year}年")
    words += _dates()
    words += list(OUTAGE_KINDS.values()) + list(_KIND_WORDS)
    han = re.compile(r"[\u3400-\u9fff]")
    return [w for w in dict.fromkeys(str(w).strip() for w in words)
            if w and han.search(w) and not re.search(r"\s", w)]


def write_search_words(records: Records, path: Path) -> Path:
    """Write :func:`search_words` to ``path`` as a jieba user dictionary (UTF-8, one word a
    line, no frequency: jieba gives each word one that keeps it whole). Returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w}\n" for w in search_words(records)), encoding="utf-8")
    return path


#: a run that jieba segments: Han characters and the digits written with them (``3栋2单元``)
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
                  r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9]*")
#: what stands between two words in the index: an HTML line-break opportunity, no character
WORD_BREAK = "<wbr/>"


def segment(text: str) -> str:
    """``text`` (HTML of the search index) with each run of Han characters and digits cut into
    words by jieba (with the user dictionary loaded) and the words joined by
    :data:`WORD_BREAK`: ``"1栋至3栋停电"`` → ``"1栋<wbr/>至<wbr/>3栋<wbr/>停电"``."""
    import jieba

    return _RUN.sub(lambda m: WORD_BREAK.join(w for w in jieba.cut(m.group(0)) if w), text)


class CjkSearch:
    """A MkDocs plugin object (events only) that makes Material's search plugin segment with
    :func:`segment`: after the search plugin has set up its index (``on_config``), its
    index's segmentation is replaced; nothing else of the plugin changes. Added to the
    configuration's plugins by :func:`hcomm_gen.outputs.site.run_mkdocs` when Material's
    search plugin is there.

    :param user_dict: the jieba user dictionary (:func:`write_search_words`) to load before
        the first word is cut (``None``: the plugin loaded it itself): a build whose entries
        all come from ``cache`` never starts jieba.
    :param cache: an :class:`~hcomm_gen.outputs.artefacts.ArtefactCache` (kind ``search``):
        the index entries of a page (its sections, segmented) are kept under the hash of
        everything they are made from (``salt``, the page's address, title, meta, table of
        contents and HTML), so an unchanged page is not parsed nor segmented again.
    """

    def __init__(self, search, user_dict: Path | None = None, cache=None, salt: str = "") -> None:
        self.search = search
        self.user_dict = user_dict
        self.cache = cache
        self.salt = salt
        self._loaded = user_dict is None

    def _segment(self, text: str) -> str:
        if not self._loaded:
            import jieba

            jieba.load_userdict(str(self.user_dict))
            self._loaded = True
        return segment(text)

    def on_config(self, config):
        """Replace the segmentation of the search plugin's index (it is created by the search
        plugin's own ``on_config``, which runs first), and cache its entries per page.
        Returns ``config`` unchanged."""
        index = getattr(self.search, "search_index", None)
        if index is not None and hasattr(index, "_segment_chinese"):
            index._segment_chinese = self._segment
            if self.cache is not None and hasattr(index, "add_entry_from_context"):
                self._cache_entries(index)
        elif index is not None:  # a Material release that segments otherwise: say so, build on
            logging.getLogger("mkdocs.plugins.hcomm").warning(
                "hcomm: Material's search index has no _segment_chinese; 3栋, 12月3日 may not be found")
        return config

    on_config.mkdocs_priority = -100  # type: ignore[attr-defined]  # after the search plugin's

    def _cache_entries(self, index) -> None:
        """Wrap ``index.add_entry_from_context`` (one call per page, appending that page's
        entries to ``index.entries``) with the cache."""
        from hcomm_gen.outputs.artefacts import key

        add, cache = index.add_entry_from_context, self.cache

        def toc_of(items) -> list:
            return [(getattr(i, "id", None), getattr(i, "url", None), getattr(i, "title", None),
                     toc_of(getattr(i, "children", []) or [])) for i in items]

        def add_cached(page):
            k = key("search", self.salt, page.url, str(page.title), repr(sorted(page.meta.items(), key=str)),
                    repr(toc_of(page.toc or [])), page.content or "")
            entries = cache.get_object(k)
            if isinstance(entries, list) and all(isinstance(e, dict) for e in entries):
                index.entries.extend(entries)
                return
            before = len(index.entries)
            add(page)
            cache.put_object(k, index.entries[before:])

        index.add_entry_from_context = add_cached
