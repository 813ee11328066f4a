"""Notice pages: the home page (in effect, upcoming, pinned emergencies, latest publicity),
one page per published notice (``notices/<ID>.md``, not in the nav) and the lists of events,
publicity and finance postings (P4.3, P4.4, P4.5)."""
from __future__ import annotations

from hcomm_gen.outputs.letter import notice_letter
from hcomm_gen.outputs.pages.buildings import building_links
from hcomm_gen.outputs.pages.registry import PageContext, base_of, page
from hcomm_gen.outputs.pages.today import today_strip
from hcomm_gen.outputs.share import page_share
from hcomm_gen.outputs.views import CANCELLED, ENDED, IN_EFFECT, UPCOMING, listed


@page("index.md", nav="首页", nav_order=10)
def home(ctx: PageContext) -> str:
    """首页: first the strip of today's and tomorrow's outages (:func:`.today.today_strip`),
    then notices in effect (an emergency in effect pinned on top, T2), upcoming ones,
    those ended or cancelled and still up (until their archive moment), and the latest
    publicity (every one in effect, else the three newest). The page script moves a notice
    between these lists when its state changes after the build."""
    views = ctx.views
    in_effect = listed([v for v in views if v.notice.kind != "publicity"], (IN_EFFECT,))
    pinned = [v for v in in_effect if v.pinned]
    upcoming = listed(views, (UPCOMING,))
    ended = listed(views, (ENDED, CANCELLED))
    publicity = [v for v in views if v.notice.kind == "publicity" and v.state == IN_EFFECT] or \
        [v for v in views if v.notice.kind == "publicity"][:3]
    return ctx.render("site/index.md.j2", base=base_of("index.md"), in_effect=in_effect,
                      upcoming=upcoming, ended=ended, pinned=pinned, publicity=publicity,
                      any_notice=bool(views), strip=today_strip(ctx),
                      buildings=building_links(ctx.records))


@page("notices/<ID>.md")
def notice_pages(ctx: PageContext) -> dict[str, str]:
    """One page per published notice, with the letter frame of its printed sheet and its
    分享到微信群 box (:func:`~hcomm_gen.outputs.share.page_share`)."""
    return {f"notices/{v.notice.id}.md": ctx.render("site/notice.md.j2", base="../../", n=v.notice, v=v,
                                                    letter=notice_letter(ctx.community, v.notice),
                                                    share=page_share(v, ctx.community, ctx.now))
            for v in ctx.views}


def _kind_list(path: str, title: str, kinds: list[str], empty: str, intro: str, nav_order: int):
    """Register the page at ``path`` listing the notices of ``kinds`` (newest first)."""
    @page(path, nav=title, nav_order=nav_order)
    def kind_list(ctx: PageContext) -> str:
        items = [v for v in ctx.views if v.notice.kind in kinds]
        return ctx.render("site/kind_list.md.j2", base=base_of(path), title=title, items=items,
                          empty=empty, intro=intro)
    return kind_list


events = _kind_list("events.md", "社区活动", ["event"], "暂无社区活动。",
                    "社区文化活动由管理处张贴海报通知。", 40)
publicity = _kind_list("publicity.md", "宣传栏", ["publicity"], "暂无宣传内容。",
                       "消防知识、法律法规和注意事项。", 50)
finance = _kind_list("finance.md", "财务公示", ["finance"], "暂无财务收支报表。",
                     "财务收支报表定期张贴公布。", 60)
