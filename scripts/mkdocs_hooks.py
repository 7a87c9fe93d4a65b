"""MkDocs glue: hand the core's pages and files to the build. The only module that imports MkDocs.

The core (scripts/site/build.py) validates the entries and builds every generated page
and data file; this hook adds them as virtual files (nothing is written into docs/),
gives each generated page its metadata as data and its finished HTML, and puts the
Content-Security-Policy into every page. Listed under `hooks:` in mkdocs.yml.
Per-build state lives on the build's config object, so `mkdocs serve` rebuilds start clean.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jinja2
import material
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url

from scripts.site import csp, i18n
from scripts.site.build import InvalidEntries, SiteContent, build_site
from scripts.site.collection import settings_from

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
STATE = "atlas_content"  # attribute of the config that holds this build's SiteContent
ENGLISH_COPIES = "atlas_english_copies"  # hand-written pages shown in English in another tree


def on_config(config):
    setattr(config, ENGLISH_COPIES, set())
    return config


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
    generated = _hand_written_in_other_languages(files, config)
    taken = {f.dest_uri: f.src_uri for f in files}
    generated += [File.generated(config, page.path, content="") for page in content.pages]
    generated += [File.generated(config, path, content=text) for path, text in content.files.items()]
    for file in generated:
        # A hand-written file and a generated one at the same address: refuse, never replace.
        if file.dest_uri in taken:
            raise PluginError(f"the generated {file.src_uri} would replace docs/{taken[file.dest_uri]}")
        files.append(file)
    return files


def _hand_written_in_other_languages(files: Files, config) -> list[File]:
    """docs/about.md is published as /about/ and, for each other language, /sq/about/: its
    translation where docs/about.sq.md exists, else the English text, which the page marks
    as English (partials/content.html) under the language's interface."""
    translations = {}
    for file in list(files):
        stem, _, code = file.src_uri.removesuffix(".md").rpartition(".")
        if file.is_documentation_page() and stem and code in i18n.BY_CODE:
            translations[(f"{stem}.md", code)] = file.content_string
            files.remove(file)  # never published at /about.sq/
    copies = []
    for file in files.documentation_pages():
        for language in i18n.TRANSLATED:
            text = translations.get((file.src_uri, language.code))
            text = _shared_files_above(text or file.content_string, language)
            copy = File.generated(config, language.prefix + file.src_uri, content=text)
            copies.append(copy)
            if (file.src_uri, language.code) not in translations:
                getattr(config, ENGLISH_COPIES).add(copy.src_uri)
    return copies


# A Markdown link's target (path, then #anchor): relative, and not an anchor on the same page.
_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/|#)([^)\s#]+)((?:#[^)\s]*)?)\)")


def _shared_files_above(markdown: str, language: i18n.Language) -> str:
    """The data files, feeds and assets exist once, at the site's root: a page copied into
    /sq/ links to them one folder up (its links to pages, *.md, stay in its own tree)."""
    up = "../" * language.prefix.count("/")

    def link(match: re.Match) -> str:
        path, anchor = match.groups()
        return match.group(0) if path.endswith(".md") else f"]({up}{path}{anchor})"

    return _LINK.sub(link, markdown)


def _language_of(src_uri: str) -> i18n.Language:
    first = src_uri.split("/", 1)[0]
    language = i18n.BY_CODE.get(first)
    return language if language is not None and "/" in src_uri else i18n.DEFAULT


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    # Pages outside the nav (each practice, each landing page) that reach the nav's pages
    # by the same relative links get the same nav, tab bar, header (but its title), footer
    # and script settings: overrides/partials/atlas-once.html, header.html and main.html
    # render them once per language and set of links, through `atlas_once`, and reach
    # Material's own partials as "material/partials/...". At 1,000 practices in four
    # languages this saves about a tenth of the build.
    once: dict[tuple, Markup] = {}

    def render_once(*key, caller) -> Markup:
        if key not in once:
            once[key] = caller()
        return once[key]

    # Material's strings (partials/language.html asks for some thirty on every page): each
    # language's file is read once, the answers kept for the build.
    theme_strings: dict[tuple, str] = {}

    def theme_string(key: str, material_code: str, code: str | None) -> str:
        found = theme_strings.get((key, material_code, code))
        if found is None:
            found = _theme_string(key, code) or _material(env, material_code).t(key) or _material(env, "en").t(key)
            theme_strings[(key, material_code, code)] = found = found or key
        return found

    # The nav's pages as the page being rendered links them (what `| url` gives): the key
    # under which the nav, tabs, header, footer and settings are rendered once. Asked five
    # times a page: computed once.
    links: dict[str, tuple[str, ...]] = {}

    @jinja2.pass_context
    def nav_links(context, nav) -> tuple[str, ...]:
        page = context["page"]
        if page.url not in links:
            links[page.url] = tuple(normalize_url(p.url, page, context["base_url"]) for p in nav.pages)
        return links[page.url]

    env.globals["atlas_once"] = render_once
    env.globals["atlas_nav_links"] = nav_links
    env.globals["atlas_t"] = _interface_string
    env.globals["atlas_theme_t"] = theme_string
    env.globals["atlas_strings"] = lambda code: Markup(i18n.script_strings(code))
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})]
    )
    return env


def _interface_string(text: str, code: str | None) -> str:
    """A string of the theme's overrides (nav titles, the header search) in the page's language."""
    return i18n.translations(code or i18n.DEFAULT.code).gettext(text)


def _material(env: jinja2.Environment, material_code: str):
    """Material's strings in one language: partials/languages/<code>.html, whose macro t(key) answers them."""
    return env.get_template(f"partials/languages/{material_code}.html").module


def _theme_string(key: str, code: str | None) -> str:
    """Material strings Practice Atlas answers itself: the page's language tag (Material's
    Serbian in Latin script is 'sh'), and a search placeholder that says what it does."""
    if not code:
        return ""
    if key == "language":
        return i18n.BY_CODE[code].tag
    if key == "search.placeholder":
        return _interface_string("Search", code)
    return ""


def _content(config) -> SiteContent:
    return getattr(config, STATE)


def on_page_markdown(markdown: str, page, config, files) -> str:
    content = _content(config)
    generated = content.page_for(page.file.src_uri)
    language = _language_of(page.file.src_uri)
    if generated is not None:
        # Metadata as data, never as text the theme or MkDocs could re-read as YAML.
        page.meta = generated.meta
        if generated.edit_url:
            page.edit_url = generated.edit_url
        markdown = ""
    else:
        # Hand-written pages: their computed parts replace markers such as <!-- atlas:browse -->.
        english = page.file.src_uri in getattr(config, ENGLISH_COPIES)
        for name, part in content.language_parts[language.code].items():
            # In an English text on an Albanian page, the computed parts are Albanian.
            wrapped = f'<div lang="{language.tag}">{part}</div>' if english else part
            markdown = markdown.replace(f"<!-- atlas:{name} -->", wrapped)
        if english:
            page.meta["atlas_content_lang"] = "en"
            # The page's name in the interface (header, tab title) is the nav's, translated;
            # its text, heading included, stays English and says so.
            if isinstance(page.meta.get("title"), str):
                page.meta["title"] = _interface_string(page.meta["title"], language.code)
    # Theme templates print page.meta title and description as they are: hand them over
    # escaped, marked safe so that templates which do escape do not escape twice.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup(html.escape(value))
    _set_language(page, language, config)
    # Dates from the entries, not the build clock: the sitemap's lastmod and its gzip stamp.
    page.update_date = generated.date if generated is not None else content.newest
    return markdown


def _set_language(page, language: i18n.Language, config) -> None:
    """The page's language, for the theme's strings, and the same page in every language:
    for the switcher, the hreflang links and the sitemap."""
    page.meta["atlas_lang"] = language.code
    page.meta["atlas_material"] = "sh" if language.code == "sr" else language.code
    page.meta["atlas_prefix"] = language.prefix
    path = page.url.removeprefix(language.prefix)
    site_url = config.site_url or "/"
    page.meta["atlas_alternates"] = [
        {
            "code": other.code,
            "tag": other.tag,
            "name": other.name,
            "path": other.prefix + path,
            "url": site_url + other.prefix + path,
            "current": other is language,
        }
        for other in i18n.LANGUAGES
    ]


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
