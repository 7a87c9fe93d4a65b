"""MkDocs glue: validate the practices and add the generated pages and data to the build.

Only glue lives here; loading, validation and rendering are plain modules that know
nothing of MkDocs. Listed under `hooks:` in mkdocs.yml. Nothing is written into docs/:
every generated page is a virtual file.
"""

from __future__ import annotations

import json
from pathlib import Path

import mkdocs
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts import render
from scripts.field_reference import render_field_reference
from scripts.search_index import build_index
from scripts.validate import summary_line, validate

LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
HOME_MARKERS = ("<!-- atlas:search -->", "<!-- atlas:browse -->", "<!-- atlas:newest -->")

_site: render.Site | None = None  # the collection of the build in progress, for on_page_markdown


def on_files(files: Files, config) -> Files:
    # Runs once per build before any page is read: the earliest point where generated
    # pages can join the build, and the place to stop before anything is published.
    global _site
    root = Path(config.config_file_path).parent / "practices"
    report = validate(root)
    if report.errors:
        lines = "\n".join(p.format() for p in report.problems)
        raise PluginError(f"practice entries are invalid ({summary_line(report)}):\n{lines}")
    _site = site = render.Site(report.practices, report.taxonomy)

    def add(path: str, content: str | bytes) -> None:
        files.append(File.generated(config, path, content=content))

    add("practices/index.md", render.catalogue_page(site))
    for practice in site.practices:
        add(f"practices/{practice.id}.md", render.practice_page(practice, site))
    for facet, (folder, _) in render.LANDING.items():
        add(f"{folder}/index.md", render.landing_index_page(facet, site))
        for term_id in site.taxonomy.ids(render.FACETS[facet][1]):
            add(f"{folder}/{term_id}.md", render.landing_page(facet, term_id, site))
    add("contribute/fields.md", render_field_reference(site.taxonomy))
    index = build_index(site.practices, site.taxonomy)
    add("practices/search-index.json", json.dumps(index, separators=(",", ":"), sort_keys=True))
    files.append(File.generated(config, "assets/atlas/lunr.js", abs_src_path=str(LUNR_JS)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The home page is hand-written; only its computed parts (counts, newest) come from here.
    if page.file.src_uri != "index.md" or _site is None:
        return markdown
    parts = (render.home_search(), render.home_browse(_site), render.home_newest(_site))
    for marker, html in zip(HOME_MARKERS, parts, strict=True):
        markdown = markdown.replace(marker, html)
    return markdown
