"""MkDocs glue: hand the core's pages and files to the build. The only module that imports MkDocs.

The core (scripts/site/build.py) validates the entries and builds every generated page
and data file; this hook adds them as virtual files (nothing is written into docs/),
gives each generated page its metadata as data and its finished HTML, and puts the
Content-Security-Policy into every page. Listed under `hooks:` in mkdocs.yml.
Per-build state lives on the build's config object, so `mkdocs serve` rebuilds start clean.
"""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import material
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from scripts.site import csp
from scripts.site.build import InvalidEntries, SiteContent, build_site
from scripts.site.collection import settings_from

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
STATE = "atlas_content"  # attribute of the config that holds this build's SiteContent


def on_files(files: Files, config) -> Files:
    # Runs once per build before any page is read: the earliest point where generated
    # pages can join the build, and the place to stop before anything is published.
    project = Path(config.config_file_path).parent
    settings = settings_from(config)
    try:
        content = build_site(project / "practices", (project / "CONTRIBUTING.md").read_text("utf-8"), settings)
    except (InvalidEntries, ValueError) as exc:
        raise PluginError(str(exc)) from None
    setattr(config, STATE, content)
    taken = {f.dest_uri: f.src_uri for f in files}
    generated = [File.generated(config, page.path, content="") for page in content.pages]
    generated += [File.generated(config, path, content=text) for path, text in content.files.items()]
    for file in generated:
        # A hand-written file and a generated one at the same address: refuse, never replace.
        if file.dest_uri in taken:
            raise PluginError(f"the generated {file.src_uri} would replace docs/{taken[file.dest_uri]}")
        files.append(file)
    return files


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    # Pages outside the nav (each practice, each landing page) that reach the nav's pages
    # by the same relative links get the same nav and tab bar: overrides/partials/
    # atlas-once.html renders them once per set of links, through `atlas_once`, and reaches
    # Material's own partials as "material/partials/...". At 1,000 practices: about 1 s.
    once: dict[tuple, Markup] = {}

    def render_once(*key, caller) -> Markup:
        if key not in once:
            once[key] = caller()
        return once[key]

    env.globals["atlas_once"] = render_once
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})]
    )
    return env


def _content(config) -> SiteContent:
    return getattr(config, STATE)


def on_page_markdown(markdown: str, page, config, files) -> str:
    content = _content(config)
    generated = content.page_for(page.file.src_uri)
    if generated is not None:
        # Metadata as data, never as text the theme or MkDocs could re-read as YAML.
        page.meta = generated.meta
        if generated.edit_url:
            page.edit_url = generated.edit_url
        markdown = ""
    else:
        # Hand-written pages: their computed parts replace markers such as <!-- atlas:browse -->.
        for name, part in content.parts.items():
            markdown = markdown.replace(f"<!-- atlas:{name} -->", part)
    # Theme templates print page.meta title and description as they are: hand them over
    # escaped, marked safe so that templates which do escape do not escape twice.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(html.escape(value))
    # Dates from the entries, not the build clock: the sitemap's lastmod and its gzip stamp.
    page.update_date = generated.date if generated is not None else content.newest
    return markdown


def on_page_content(html_text: str, page, config, files) -> str:
    generated = _content(config).page_for(page.file.src_uri)
    if generated is None:
        return html_text
    page.toc = get_toc([_toc_token(entry) for entry in generated.toc])
    return generated.html


def _toc_token(entry: tuple) -> dict:
    level, anchor, title, children = entry
    return {"level": level, "id": anchor, "name": title, "children": [_toc_token(c) for c in children]}


def on_post_page(output: str, page, config) -> str:
    return csp.apply(output)


def on_post_template(output: str, template_name: str, config) -> str:
    # The theme's own pages (404.html) carry the policy too; sitemap.xml is not a page.
    return csp.apply(output) if template_name.endswith(".html") else output
