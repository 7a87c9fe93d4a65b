"""One broken entry per mistake a contributor makes, each with the exact messages expected.

Each fixture in tests/fixtures/invalid/<field>_<reason>.md is the valid sample entry with
one mistake. It is checked as practices/<field>-<reason>.md (or the name in NAMES, for a
mistake in the file name) beside the two valid samples, and must produce exactly the
listed problems: file, line, field and wording.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES

EXPECTED = {
    "aliases_is_another_id": [
        "32: aliases: 'other-practice' is the id of practices/other-practice.md; an alias is a former id that no entry uses"
    ],
    "aliases_not_kebab_case": ["32: aliases: 'Old_Name' is not a practice id (lower-case words joined by hyphens)"],
    "aliases_own_id": ["32: aliases: 'aliases-own-id' is this entry's own id"],
    "body_blow_up": [
        "55: body: would become 0.2 MB of HTML from 2 KB of text; at most 10 times the text is allowed (is there a table with many columns?)"
    ],
    "body_code_fence_not_closed": [
        "33: body: warning: optional section '## Results' is missing; add it and write 'Not reported.' if the sources say nothing",
        "33: body: warning: optional section '## Challenges and lessons' is missing; add it and write 'Not reported.' if the sources say nothing",
        "55: body: a code block opened with ``` is never closed",
    ],
    "body_data_link": [
        "53: body: images are not allowed: a picture from another site would track readers; link to it",
        "53: body: links starting with 'data:' are not allowed; use https://, http:// or mailto:",
    ],
    "body_image": ["53: body: images are not allowed: a picture from another site would track readers; link to it"],
    "title_entity": ["2: title: must be plain text; '&lt;' looks like HTML"],
    "title_html": ["2: title: must be plain text; '<script>' looks like HTML"],
    "body_encoded_javascript_link": [
        "53: body: links starting with 'javascript:' are not allowed; use https://, http:// or mailto:"
    ],
    "body_event_handler_attribute": ["54: body: event-handler attribute 'onclick=' is not allowed"],
    "body_html_comment": ["54: body: raw HTML is not allowed ('<!--'); use Markdown instead"],
    "body_image_onerror": [
        "53: body: '<img>' is not allowed: raw HTML never reaches the page",
        "53: body: event-handler attribute 'onerror=' is not allowed",
    ],
    "body_javascript_link": [
        "53: body: links starting with 'javascript:' are not allowed; use https://, http:// or mailto:"
    ],
    "body_nested_too_deep": ["53: body: block quotes or lists are nested 10 levels deep; at most 8 are allowed"],
    "body_raw_html": ["53: body: raw HTML is not allowed ('<span style=\"color:red\">'); use Markdown instead"],
    "body_reference_link_javascript": [
        "55: body: links starting with 'javascript:' are not allowed; use https://, http:// or mailto:"
    ],
    "body_script": ["55: body: '<script>' is not allowed: raw HTML never reaches the page"],
    "body_section_empty": ["39: body: section '## What was done' is empty"],
    "body_section_missing": ["33: body: required section '## How to replicate' is missing"],
    "body_section_misspelt": ["35: body: '## Contxt' is not a known section; did you mean '## Context'?"],
    "body_section_out_of_order": ["39: body: '## Context' must come before '## What was done'"],
    "body_section_twice": ["59: body: '## Results' appears twice (first on line 55)"],
    "body_section_unknown": [
        "55: body: '## Background' is not a known section; the sections are: Context, What was done, How to replicate, Who was involved, Resources, Results, Challenges and lessons"
    ],
    "body_text_before_sections": ["35: body: text before the first section; put it under '## Context'"],
    "body_top_level_heading": [
        "35: body: '# Dialogue council' is a top-level heading; the title comes from the front-matter, so start sections with '## '"
    ],
    "contact_private_email_invalid": ["34: contact.email: 'not-an-address' is not an e-mail address"],
    "contact_without_address": ["32: contact: give a url or a role e-mail address"],
    "countries_lower_case": ["7: countries: 'mk' must be written in capitals: 'MK'"],
    "countries_name": ["7: countries: 'Kosovo' is a country name; use its two-letter code 'XK'"],
    "countries_unknown_code": [
        "7: countries: 'ZZ' is not an ISO 3166-1 alpha-2 country code (two capital letters; XK for Kosovo)"
    ],
    "ended_before_started": ["17: ended: '2018' is before started ('2019-04')"],
    "ended_but_ongoing": ["15: status: is 'ongoing' but the practice has 'ended'"],
    "evidence_promising": [
        "21: evidence: 'promising' is not a known evidence level; use one of: described, theory-based, monitored, outcome-evaluated, rigorously-evaluated"
    ],
    "field_computed": ["32: id: is computed by the build from the file name; remove it"],
    "field_twice": ["16: status: appears twice (first on line 15); keep one"],
    "field_unknown": [
        "32: budget: unknown field; the fields here are: title, summary, regions, countries, places, themes, types, status, status_as_of, started, ended, organisations, target_groups, evidence, figures, replication, related, sources, contact, aliases, last_reviewed"
    ],
    "figures_source_out_of_range": ["25: figures[1].source: there is no source number 3; the entry lists 1"],
    "figures_value_missing": ["23: figures[1].value: required field is missing"],
    "front_matter_blank_line_first": ["1: front-matter: the first line must be '---'; remove the blank lines above it"],
    "front_matter_is_a_list": [
        "2: front-matter: is a list; it must hold 'field: value' lines (see practices/_template.md)"
    ],
    "front_matter_missing": [
        "1: front-matter: the file must start with a line '---', then the fields, then another '---'"
    ],
    "front_matter_not_closed": ["1: front-matter: the front-matter opened on line 1 is never closed with a line '---'"],
    "last_reviewed_in_future": ["32: last_reviewed: '2030-01-01' is in the future"],
    "last_reviewed_month_only": ["32: last_reviewed: '2026-01' is not a date; write YYYY-MM-DD"],
    "organisations_missing": ["1: organisations: required field is missing"],
    "organisations_not_a_list": [
        "17: organisations: must be a list: put each item on its own line, starting with '- '"
    ],
    "organisations_role_misspelt_field": ["19: organisations[1].rol: unknown field; did you mean 'role'?"],
    "organisations_role_unknown": [
        "19: organisations[1].role: 'boss' is not a known organisation role; use one of: lead, partner, funder, support"
    ],
    "organisations_url_javascript": [
        "20: organisations[1].url: 'javascript:alert(1)' must be a web address starting with https:// or http://"
    ],
    "organisations_url_without_scheme": [
        "20: organisations[1].url: 'www.example.org' must be a web address starting with https:// or http://"
    ],
    "places_item_not_a_mapping": [
        "8: places[1]: must be a set of 'key: value' lines (name, also, lat, lon, population), not a text"
    ],
    "places_lat_out_of_range": ["11: places[1].lat: 142.0 is out of range (-90 to 90)"],
    "places_lat_without_lon": ["9: places[1]: lat and lon go together: lon is missing"],
    "places_lon_not_a_number": [
        "12: places[1].lon: '21,4' is not a number; write digits 0-9 and a point for decimals, like 41.99 or -12.5"
    ],
    "places_name_missing": ["9: places[1].name: required field is missing"],
    "regions_item_empty": ["8: regions: an item is empty; remove the '- ' line or fill it in"],
    "regions_misspelt_field": [
        "6: region: unknown field; did you mean 'regions'?",
        "6: region: 'balkans' is not a known region; did you mean 'western-balkans'?",
    ],
    "regions_not_a_list": ["6: regions: must be a list: put each item on its own line, starting with '- '"],
    "regions_unknown": ["6: regions: 'balkans' is not a known region; did you mean 'western-balkans'?"],
    "related_former_id": [
        "26: related: 'old-dialogue-council' is a former id of 'other-practice'; link to 'other-practice'"
    ],
    "related_self": ["26: related: an entry cannot be related to itself"],
    "related_unknown": ["26: related: 'no-such-practice' is not a practice id; did you mean 'other-practice'?"],
    "sources_date_not_known": ["31: sources[1].date: 'n.d.' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"],
    "sources_missing": ["1: sources: required field is missing"],
    "sources_title_missing": ["28: sources[1].title: required field is missing"],
    "started_month_13": ["16: started: '2019-13' is not a real date"],
    "started_wrong_format": ["16: started: '2019/04' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"],
    "started_year_too_early": ["16: started: year 1850 is out of range (1900–2036)"],
    "status_unknown": [
        "15: status: 'active' is not a known status; use one of: planned, ongoing, completed, discontinued, unknown"
    ],
    "status_yes_unquoted": [
        "15: status: 'yes' is not a known status; use one of: planned, ongoing, completed, discontinued, unknown"
    ],
    "summary_too_short": ["3: summary: is 21 characters long; write at least 50"],
    "themes_british_spelling": ["13: themes: 'polarization' is not a known theme; did you mean 'polarisation'?"],
    "themes_listed_twice": ["13: themes: 'social-cohesion' is listed twice"],
    "themes_too_many": ["13: themes: has 5 items; at most 4 are allowed"],
    "title_empty": ["2: title: is empty; it is required"],
    "title_missing": ["1: title: required field is missing"],
    "title_too_long": ["2: title: is 139 characters long; the limit is 120"],
    "title_two_lines": ["2: title: must be on one line"],
    "types_empty": ["14: types: is empty; it is required"],
    "yaml_anchor_and_alias": [
        "7: also_regions: YAML anchors and aliases (&, *) are not allowed; write the value out",
        "7: also_regions: unknown field; the fields here are: title, summary, regions, countries, places, themes, types, status, status_as_of, started, ended, organisations, target_groups, evidence, figures, replication, related, sources, contact, aliases, last_reviewed",
    ],
    "yaml_colon_in_value": [
        "2: front-matter: YAML syntax error: mapping values are not allowed in this context (a value that contains ': ' must be put in quotes)"
    ],
    "yaml_python_tag": [
        "2: title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; remove it",
        "2: title: must be text of at most 120 characters, one line, not a list",
    ],
    "yaml_tab_indentation": [
        "19: front-matter: YAML syntax error: found a tab character that violates indentation (indent with spaces, not tabs)"
    ],
    # Found by the security review: each would have crashed the validator or been published.
    "summary_control_character": [
        "3: summary: contains the control character U+009F at position 139; "
        "remove it (it is invisible and can break pages and feeds)"
    ],
    "title_c1_control": [
        "2: title: contains the control character U+009F at position 31; "
        "remove it (it is invisible and can break pages and feeds)"
    ],
    "last_reviewed_arabic_digits": [
        "32: last_reviewed: '٢٠٢٥-٠١-٠١' is not a date; write YYYY-MM-DD (digits 0-9 only)"
    ],
    "started_arabic_digits": ["16: started: '٢٠١٧' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (digits 0-9 only)"],
    "figures_source_superscript": ["25: figures[1].source: '²' must be a whole number from 1 (digits 0-9 only)"],
    "url_invalid_ipv6": [
        "20: organisations[1].url: 'https://[x.y' has no valid host name; '[' and ']' may only enclose an IPv6 address"
    ],
    "front_matter_nested_deep": [
        "2: front-matter: values are nested more than 20 levels deep; no field needs more than 4: "
        "look for a stray '[' or '{', or lines indented too far"
    ],
    "id_reserved": [
        "1: id: 'index' is reserved for a page the site itself builds (the catalogue); choose another file name"
    ],
    "yaml_unclosed_list": [
        "7: front-matter: YAML syntax error: did not find expected ',' or ']' (a list in [ ] or a set in { } is not closed, or an item with ': ' needs quotes)"
    ],
}


# Fixtures whose mistake is the file name itself.
NAMES = {"id_reserved": "index.md"}


def checked_name(fixture: str) -> str:
    return NAMES.get(fixture, fixture.replace("_", "-") + ".md")


def test_every_fixture_has_expectations():
    on_disk = {path.stem for path in (FIXTURES / "invalid").glob("*.md")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_reports_exactly(collection, fixture):
    collection.add_valid()
    # A former id for 'other-practice', so a link to it can be recognised as outdated.
    other = collection.root / "other-practice.md"
    other.write_text(other.read_text().replace("last_reviewed:", "aliases: [old-dialogue-council]\nlast_reviewed:"))
    name = checked_name(fixture)
    shutil.copy(FIXTURES / "invalid" / f"{fixture}.md", collection.root / name)

    problems = collection.lines()

    assert problems == [f"practices/{name}:{line}" for line in EXPECTED[fixture]]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_fixture_is_refused(collection, fixture):
    """Every fixture holds at least one error, so the build would refuse it."""
    collection.add_valid()
    name = checked_name(fixture)
    shutil.copy(FIXTURES / "invalid" / f"{fixture}.md", collection.root / name)
    report = collection.validate()
    assert any(p.path == f"practices/{name}" for p in report.errors)
