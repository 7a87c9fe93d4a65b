"""One function builds the site's content: every generated page and every data file.

    content = build_site(Path("practices"), guide_text, Settings(base_url=...))

Given the entries, CONTRIBUTING.md and the site's settings, it returns the pages (finished
HTML and their metadata), the data files (search index, open data, schema, feeds,
redirects, headers) and the computed parts of the hand-written pages. Generators only
publish what it returns: scripts/mkdocs_hooks.py hands it to MkDocs, and
`python -m scripts.build_pages DIR` writes it as plain files for any other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from scripts.contribute.json_schema import practice_json_schema
from scripts.entries.problems import Problem
from scripts.entries.slug import fold_script
from scripts.entries.validate import summary_line, validate
from scripts.site import citation, csp, i18n, open_data, pages, redirects, search_index, world_map
from scripts.site.collection import FACETS, LANDING, Settings, Site
from scripts.site.feeds import atom_feed
from scripts.site.history import read_history
from scripts.site.templating import render
from scripts.site.workers import run_all


class InvalidEntries(Exception):
    """The entries have errors: nothing may be published."""

    def __init__(self, summary: str, problems: list[Problem]):
        self.summary = summary
        self.problems = problems
        super().__init__(f"practice entries are invalid ({summary}):\n" + "\n".join(p.format() for p in problems))


@dataclass
class SiteContent:
    site: Site
    pages: list[pages.Page] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # output path -> text, published as is
    # language code -> marker name -> HTML, for hand-written pages (`<!-- atlas:browse -->`)
    language_parts: dict[str, dict[str, str]] = field(default_factory=dict)

    _outputs: dict[str, str] = field(default_factory=dict, repr=False)  # output file -> what claimed it
    _by_path: dict[str, pages.Page] = field(default_factory=dict, repr=False)

    @property
    def parts(self) -> dict[str, str]:
        """The computed parts of the English hand-written pages."""
        return self.language_parts[i18n.DEFAULT.code]

    @property
    def newest(self) -> str:
        """The date of the newest change: hand-written pages' date in the sitemap."""
        return self.site.newest_date()

    def page_for(self, path: str) -> pages.Page | None:
        return self._by_path.get(path)

    def add_page(self, page: pages.Page) -> None:
        self._claim(output_path(page.path), page.path)
        self.pages.append(page)
        self._by_path[page.path] = page

    def add_file(self, path: str, text: str) -> None:
        self._claim(path, path)
        self.files[path] = text

    def _claim(self, output: str, source: str) -> None:
        # No generated page or file may silently replace another (an id named 'index'
        # would have replaced the catalogue): the validator refuses such names, and this
        # stops the build should one ever get past it.
        if output in self._outputs:
            raise ValueError(f"{source} would replace {self._outputs[output]} (both are published as {output})")
        self._outputs[output] = source


def output_path(source: str) -> str:
    """Where a page is published: 'practices/x.md' -> 'practices/x/index.html' (directory URLs)."""
    stem = source.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def build_site(
    root: Path, guide: str, settings: Settings, languages=i18n.LANGUAGES, workers: int | None = None
) -> SiteContent:
    """Validate the entries in `root` and build everything generated from them: the pages in
    every interface language (English at the site's root, the others under /<code>/), the
    data files once. The search files and each language's pages are built side by side,
    on up to `workers` processes (default: every core; see workers.py)."""
    report = validate(root)
    if report.errors:
        raise InvalidEntries(summary_line(report), report.problems)
    site = Site(report.practices, report.taxonomy, settings, history=read_history(root))
    sites = {language.code: _site_in(language, site, report) for language in languages}

    synonyms = search_index.Synonyms(report.synonyms)

    def job(name: str):
        if name == "search":
            return _search_files(sites, synonyms)
        if name == "full text":
            return _full_text_files(sites, synonyms)
        local = sites[name]
        with i18n.using(i18n.BY_CODE[name], frozenset(local.translations)):
            parts = {**pages.home_parts(local), "open-data-fields": open_data.fields_table()}
            return _language_pages(local, guide, report), parts

    # The search files first: the longest jobs.
    search, full_text, *built = run_all(job, ["search", "full text", *sites], workers)
    content = SiteContent(site)
    for language, ((language_pages, files), parts) in zip(languages, built, strict=True):
        for page in language_pages:
            content.add_page(page)
        for path, text in {**files, **search[language.code], **full_text}.items():
            content.add_file(language.prefix + path, text)
        content.language_parts[language.code] = parts
    _data_files(content, site, report)
    return content


def _site_in(language: i18n.Language, site: Site, report) -> Site:
    """The collection as the pages of `language` show it: its vocabularies' labels, and the
    practices with a translation in it (practices/<id>.<code>.md)."""
    if language is i18n.DEFAULT:
        return site
    if language.code not in report.translations:
        raise ValueError(
            f"practices/taxonomy.{language.code}.yml is missing: the vocabularies have no {language.name} labels"
        )
    texts = {pid: t for (pid, code), t in report.entry_translations.items() if code == language.code}
    return site.translated(report.translations[language.code], texts)


def _search_files(sites: dict[str, Site], synonyms) -> dict[str, dict[str, str]]:
    """The catalogue's search index in each language's tree. One index serves them all (the
    practices are in the same order in each, and it holds the words of every language);
    only the cards differ: places, labels and translated titles in the page's language."""
    english, *others = sites.values()
    also = [(local.practices, local.taxonomy) for local in others]
    changed = {p.id: english.dates(p).changed_stamp for p in english.practices}
    shared = search_index.build_index(english.practices, english.taxonomy, synonyms, changed, also)
    words = _json(search_index.vocabulary(english.practices, english.taxonomy, also))
    files = {}
    for code, local in sites.items():
        with i18n.using(i18n.BY_CODE[code], frozenset(local.translations)):
            index = {**shared, "practices": search_index.cards(local.practices, changed)}
        if local.translations:  # their cards' text is in the page's language, the others' in English
            index["translated"] = sorted(local.translations)
        files[code] = {"practices/search-index.json": _json(index), "practices/search-words.json": words}
    return files


def _full_text_files(sites: dict[str, Site], synonyms) -> dict[str, str]:
    """The index of the entries' full text and the snippets' texts, the same in every tree:
    the English texts and every translation."""
    english = next(iter(sites.values()))
    texts = [p for local in sites.values() for p in local.practices if local is english or p.id in local.translations]
    shards = search_index.section_texts(english.practices)
    return {
        "practices/search-body.json": _json(search_index.build_body_index(english.practices, synonyms, texts)),
        **{f"practices/search-text/{number}.json": _json(shard) for number, shard in enumerate(shards)},
    }


def _language_pages(site: Site, guide: str, report) -> tuple[list[pages.Page], dict[str, str]]:
    """Every page in the current language, and its tree's redirects (paths in the tree)."""
    out = [pages.catalogue_page(site), *pages.catalogue_pages(site)]
    out += [pages.practice_page(practice, site) for practice in site.practices]
    for facet in LANDING:
        out.append(pages.landing_index_page(facet, site))
        out += [pages.landing_page(facet, term.id, site) for term in site.taxonomy.terms(FACETS[facet][1])]
    out += [pages.contributing_page(guide, site), pages.form_page(site), pages.field_reference_page(site)]
    out += [pages.withdrawn_page(record) for record in report.retired if not record.replaced_by]
    prefix = i18n.current().prefix
    return out, redirects.redirects(site.practices, report.retired, site.base_url + prefix)


def _data_files(content: SiteContent, site: Site, report) -> None:
    """Open data, feeds, citations, the schema and the assets: one copy, in English."""
    base_url = site.base_url

    def changed_stamp(practice) -> str:
        return site.dates(practice).changed_stamp

    for practice in site.practices:
        # For reference managers, beside the page (linked from its "Cite or share" box).
        content.add_file(f"practices/{practice.id}/cite.ris", citation.ris(practice, site))
        content.add_file(f"practices/{practice.id}/cite.json", citation.csl_json(practice, site))
    for facet, (folder, _title) in LANDING.items():
        for term in site.taxonomy.terms(FACETS[facet][1]):
            feed = atom_feed(
                site.with_term(facet, term.id),
                site.taxonomy,
                title=f"Practice Atlas: {term.label}",
                feed_url=f"{base_url}{folder}/{term.id}/feed.xml",
                page_url=f"{base_url}{folder}/{term.id}/",
                base_url=base_url,
                changed=changed_stamp,
            )
            content.add_file(f"{folder}/{term.id}/feed.xml", feed)
    content.add_file("api/practices.json", open_data.practices_json(site.practices, base_url))
    content.add_file("api/practices.csv", open_data.practices_csv(site.practices, base_url))
    content.add_file("api/taxonomy.json", open_data.taxonomy_json(site.taxonomy, report.translations))
    schema = practice_json_schema(site.taxonomy, f"{base_url}schema/practice.schema.json")
    content.add_file("schema/practice.schema.json", json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
    content.add_file(
        "feed.xml",
        atom_feed(
            site.practices,
            site.taxonomy,
            title="Practice Atlas: new and updated practices",
            feed_url=f"{base_url}feed.xml",
            page_url=base_url,
            base_url=base_url,
            changed=changed_stamp,
        ),
    )
    content.add_file("_headers", csp.HEADERS)
    content.add_file("assets/atlas/fold.js", fold_script())  # before search.js and form.js
    width, height = world_map.world_size()
    outline = render("world.svg", paths=world_map.world_outline(), width=width, height=height)
    content.add_file("assets/atlas/world.svg", outline)  # under every map's dots


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
