"""Write every generated page and data file as plain files, for any generator, a review or a diff.

    python -m scripts.build_pages out/                 # settings from mkdocs.yml
    python -m scripts.build_pages out/ --base-url https://example.org/atlas/

Writes, under the folder:
- each page's finished HTML body at its source path with `.html` (`practices/x.html`);
- `pages.json`: every page's metadata (title, description, table of contents, date,
  how to show it) and the file that holds its body;
- `parts/<name>.html`: the computed parts of the hand-written pages (`<!-- atlas:name -->`);
- every data file at its published path (`api/practices.json`, feeds, redirects…).
Exit status 1, with every problem listed, when an entry is invalid.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import yaml

from scripts.site.build import InvalidEntries, SiteContent, build_site
from scripts.site.collection import Settings, settings_from


def read_settings(config_file: Path) -> Settings:
    """The site's settings from mkdocs.yml, read without MkDocs."""
    return settings_from(yaml.safe_load(config_file.read_text(encoding="utf-8")) or {})


def write(content: SiteContent, folder: Path) -> None:
    manifest = []
    for page in content.pages:
        body = page.path.removesuffix(".md") + ".html"
        _write(folder / body, page.html)
        manifest.append(
            {
                "path": page.path,
                "body": body,
                "title": page.title,
                "description": page.description,
                "date": page.date,
                "toc": page.toc,
                "meta": page.meta,
                "edit_url": page.edit_url,
            }
        )
    for name, part in content.parts.items():
        _write(folder / "parts" / f"{name}.html", part)
    for path, text in content.files.items():
        _write(folder / path, text)
    _write(folder / "pages.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build_pages", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the pages and files")
    parser.add_argument("--project", type=Path, default=Path("."), help="the folder holding mkdocs.yml (default: .)")
    parser.add_argument("--base-url", help="the published address (default: site_url in mkdocs.yml)")
    args = parser.parse_args(argv)
    settings = read_settings(args.project / "mkdocs.yml")
    if args.base_url:
        settings = dataclasses.replace(settings, base_url=args.base_url.rstrip("/") + "/")
    guide = (args.project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    try:
        content = build_site(args.project / "practices", guide, settings)
    except InvalidEntries as exc:
        for problem in exc.problems:
            print(problem.format())
        print(exc.summary, file=sys.stderr)
        return 1
    write(content, args.folder)
    print(f"wrote {len(content.pages)} pages and {len(content.files)} files to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
