"""MkDocs glue: validate the practices and add the generated pages and data to the build.

Only glue lives here; loading, validation and rendering are plain modules that know
nothing of MkDocs. Listed under `hooks:` in mkdocs.yml. Nothing is written into docs/:
every generated page and data file is a virtual file.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import jinja2
import material
import mkdocs
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from scripts.contribute.field_reference import render_field_reference
from scripts.contribute.json_schema import practice_json_schema
from scripts.entries.validate import summary_line, validate
from scripts.site import open_data, redirects, render, search_index
from scripts.site.feeds import atom_feed
from scripts.site.form import form_page

LUNR_JS = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

_site: render.Site | None = None  # the collection of the build in progress, for the page events
_dates: dict[str, str] = {}  # page source path -> the date its content last changed
_once: dict[tuple, Markup] = {}  # template fragments rendered once per build (see on_env)


def on_files(files: Files, config) -> Files:
    # Runs once per build before any page is read: the earliest point where generated
    # pages can join the build, and the place to stop before anything is published.
    global _site
    root = Path(config.config_file_path).parent / "practices"
    report = validate(root)
    if report.errors:
        lines = "\n".join(p.format() for p in report.problems)
        raise PluginError(f"practice entries are invalid ({summary_line(report)}):\n{lines}")
    base_url = (config.site_url or "/").rstrip("/") + "/"
    repo_url = (config.repo_url or "").rstrip("/")
    branch = (config.edit_uri or "edit/main/").strip("/").split("/")[1]  # 'edit/<branch>/docs/'
    _site = site = render.Site(report.practices, report.taxonomy, base_url, repo_url, branch)
    newest = max((p.last_reviewed.isoformat() for p in site.practices), default="2000-01-01")
    _dates.clear()

    def add(path: str, content: str, date: str = newest) -> None:
        files.append(File.generated(config, path, content=content))
        _dates[path] = date

    add("practices/index.md", render.catalogue_page(site))
    for practice in site.practices:
        add(f"practices/{practice.id}.md", render.practice_page(practice, site), practice.last_reviewed.isoformat())
    for facet, (folder, _) in render.LANDING.items():
        add(f"{folder}/index.md", render.landing_index_page(facet, site))
        for term in site.taxonomy.terms(render.FACETS[facet][1]):
            practices = site.with_term(facet, term.id)
            date = max((p.last_reviewed.isoformat() for p in practices), default=newest)
            add(f"{folder}/{term.id}.md", render.landing_page(facet, term.id, site), date)
            feed = atom_feed(
                practices,
                site.taxonomy,
                title=f"Practice Atlas: {term.label}",
                feed_url=f"{base_url}{folder}/{term.id}/feed.xml",
                page_url=f"{base_url}{folder}/{term.id}/",
                base_url=base_url,
            )
            add(f"{folder}/{term.id}/feed.xml", feed)
    add("contribute/fields.md", render_field_reference(site.taxonomy))
    guide = (Path(config.config_file_path).parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    add("contribute/index.md", render.contributing_page(guide, site))
    add("contribute/new.md", form_page(site))

    for record in report.retired:
        if not record.replaced_by:
            add(f"practices/{record.id}.md", redirects.withdrawn_page(record), record.retired)
    for path, page_html in redirects.redirects(site.practices, report.retired, base_url).items():
        add(path, page_html)

    add(
        "practices/search-index.json",
        json.dumps(search_index.build_index(site.practices, site.taxonomy), separators=(",", ":"), sort_keys=True),
    )
    add("api/practices.json", open_data.practices_json(site.practices, base_url))
    add("api/practices.csv", open_data.practices_csv(site.practices, base_url))
    add("api/taxonomy.json", open_data.taxonomy_json(site.taxonomy))
    schema = practice_json_schema(site.taxonomy, f"{base_url}schema/practice.schema.json")
    add("schema/practice.schema.json", json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    add(
        "feed.xml",
        atom_feed(
            site.practices,
            site.taxonomy,
            title="Practice Atlas: new and updated practices",
            feed_url=f"{base_url}feed.xml",
            page_url=base_url,
            base_url=base_url,
        ),
    )
    files.append(File.generated(config, "assets/atlas/lunr.js", abs_src_path=str(LUNR_JS)))
    return files


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    # Pages outside the nav (each practice, each landing page) that reach the nav's pages
    # by the same relative links get the same nav and tab bar: overrides/partials/
    # atlas-once.html renders them once per set of links, through `atlas_once`, and reaches
    # Material's own partials as "material/partials/...". At 1,000 practices: about 1 s.
    _once.clear()
    env.globals["atlas_once"] = _render_once
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})]
    )
    return env


def _render_once(*key, caller) -> Markup:
    if key not in _once:
        _once[key] = caller()
    return _once[key]


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Theme templates print page.meta title and description as they are: hand them over
    # escaped, marked safe so that templates which do escape do not escape twice.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(html.escape(value))
    # A practice page's edit button opens the entry's own file, not the generated page.
    practice = _site.by_id.get(page.file.src_uri.removeprefix("practices/").removesuffix(".md")) if _site else None
    if practice is not None and page.file.src_uri == f"practices/{practice.id}.md" and _site.repo_url:
        page.edit_url = _site.edit_url(practice)
    # Dates from the entries, not the build clock: the sitemap's lastmod and its gzip stamp.
    page.update_date = _dates.get(page.file.src_uri, max(_dates.values(), default=page.update_date))
    if "<!-- atlas:" in markdown and _site is not None:
        for marker, make in _markers(_site).items():
            if marker in markdown:
                markdown = markdown.replace(marker, make())
    return markdown


def on_page_content(html_text: str, page, config, files) -> str:
    # Put back the finished HTML that generated pages set aside (render.Site.raw).
    return _site.restore(html_text) if _site is not None else html_text


def _markers(site: render.Site) -> dict:
    """Computed parts of hand-written pages: docs/index.md and docs/open-data.md."""
    return {
        "<!-- atlas:search -->": render.home_search,
        "<!-- atlas:browse -->": lambda: render.home_browse(site),
        "<!-- atlas:newest -->": lambda: render.home_newest(site),
        "<!-- atlas:open-data-fields -->": open_data.fields_table,
    }
