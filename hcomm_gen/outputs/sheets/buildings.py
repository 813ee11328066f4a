"""The lobby sheet of each building (issue 11 item 2, ``hcomm print --buildings``): A4, a
large title (``3栋 住户通知``, ``扫码查看本楼停水停电等通知``), the QR code and address of the
building's page (``…/buildings/3/``), the office and its hotline
(``print/building.html.j2``). Named ``buildings/<slug>.pdf`` under ``print/``
(``print/buildings/3.pdf``). Printed when asked for, not with the notices due: the sheet
stays in the lobby for good and changes only with the community's address or hotline."""
from __future__ import annotations

from hcomm_gen.outputs.letter import qr_data_uri
from hcomm_gen.outputs.pages.buildings import BuildingLink, building_links
from hcomm_gen.outputs.sheets.model import Sheet
from hcomm_gen.outputs.sheets.registry import BuildingSheets, building_source

#: folder of the building sheets under ``print/``
BUILDING_DIR = "buildings"


def building_url(community, b: BuildingLink) -> str:
    """Absolute address of a building's page: ``https://hxq.example.cn/buildings/3/``."""
    return community.site_url.rstrip("/") + "/" + b.path


@building_source("print/building.html.j2")
def building_sheet(ctx: BuildingSheets, template: str) -> list[Sheet]:
    """One sheet per building of the registry: ``buildings/<slug>.pdf``."""
    c = ctx.records.community
    out = []
    for b in building_links(ctx.records):
        url = building_url(c, b)
        html = ctx.render(template, b=b, url=url, qr=qr_data_uri(url))
        out.append(Sheet("building", b.slug, f"{BUILDING_DIR}/{b.slug}.pdf", html,
                         ctx.records.registry.path, f"{b.name} 住户通知"))
    return out
