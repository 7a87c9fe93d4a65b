"""How an entry is cited and shared: for reference managers (RIS, CSL-JSON) and on paper
(a QR code of its permanent address).

Practice Atlas publishes the entry; the organisations are what it is about, not its
authors, so no author is named. The date cited is the entry's last review. The plain
text for e-mail is collection.citation(); the accessed date is the reader's, added in
the browser, and left out of these files (reference managers add their own).
"""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING

import zxingcpp

from scripts.entries.model import Practice

if TYPE_CHECKING:
    from scripts.site.collection import Site

PUBLISHER = "Practice Atlas"
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _themes(practice: Practice, site: Site) -> list[str]:
    return [site.taxonomy.label("themes", theme) for theme in practice.themes]


def ris(practice: Practice, site: Site) -> str:
    """A RIS record (EndNote, Zotero, Mendeley, Citavi): an electronic source, no author."""
    reviewed = practice.last_reviewed
    fields = [
        ("TY", "ELEC"),
        ("TI", _one_line(practice.title)),
        ("T2", PUBLISHER),
        ("PB", PUBLISHER),
        ("PY", str(reviewed.year)),
        ("DA", reviewed.strftime("%Y/%m/%d/")),
        ("UR", site.url(practice)),
        ("AB", _one_line(practice.summary)),
        *(("KW", theme) for theme in _themes(practice, site)),
        ("LA", "en"),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in fields)  # RIS lines end in CR LF


def csl_json(practice: Practice, site: Site) -> str:
    """A CSL-JSON item list (Zotero, Pandoc, citation styles): a web page, no author."""
    reviewed = practice.last_reviewed
    item = {
        "id": f"practice-atlas-{practice.id}",
        "type": "webpage",
        "title": _one_line(practice.title),
        "container-title": PUBLISHER,
        "publisher": PUBLISHER,
        "issued": {"date-parts": [[reviewed.year, reviewed.month, reviewed.day]]},
        "URL": site.url(practice),
        "abstract": _one_line(practice.summary),
        "keyword": ", ".join(_themes(practice, site)),
        "language": "en",
    }
    return json.dumps([item], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@functools.lru_cache(maxsize=16384)  # `mkdocs serve` rebuilds: the same address, the same code
def qr_code(url: str) -> dict:
    """A QR code of `url` as data for an inline <svg>: its size in modules and one path of
    horizontal strokes, a module wide, drawn at each row's middle (the template's stroke
    width is 1). Error correction M survives a folded or smudged print. zxing-cpp (C++)
    encodes it and chooses the best mask: 0.5 ms a code with its path, against 1.4 ms in
    pure Python, where a code for each page in each language was a quarter of the build."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module, 0 is dark
    size = image.shape[1]
    modules = memoryview(image).tobytes()
    parts = []
    for y in range(image.shape[0]):
        end = None  # where the pen stopped on this row
        for run in _DARK.finditer(modules, y * size, (y + 1) * size):
            start, stop = run.start() - y * size, run.end() - y * size
            if end is None:
                parts.append(f"M{start + QR_BORDER} {y + QR_BORDER}.5h{stop - start}")
            else:
                parts.append(f"m{start - end} 0h{stop - start}")
            end = stop
    return {"size": size + 2 * QR_BORDER, "path": "".join(parts)}


_DARK = re.compile(rb"\x00+")
