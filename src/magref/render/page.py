"""The report page written out: one self-contained HTML file, or Markdown.

``html`` and ``markdown`` lay out what ``report.context`` gathered. Every value from the data or
from the person's input passes through ``_h`` (HTML: control characters shown as escapes, then
``& < > " '`` as character references) or ``_m`` (Markdown: control characters shown as
escapes, then each character Markdown reads as markup, and an ``&`` that could start a character
reference, escaped with a backslash; line breaks become spaces), so no value can add markup.

This was a pair of Jinja2 templates; writing it here spares importing Jinja2 (about a fifth of
the whole ``report`` command). tests/test_page.py renders reports of every shape through these
functions and through the former templates with Jinja2 and requires the same bytes, and
tests/test_browser.py prints the page in Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from magref.render.phrases import NO_WINDOW
from magref.render.safe import clean

#: What HTML escaping replaces, as markupsafe does (the form Jinja2 wrote).
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})
_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"} | {"\n": " ", "\r": " "})
#: An ampersand that could start a character reference (&amp; or &#60;).
_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")
#: The longest medicine name shown whole beside the timeline, and how much longer may still pass.
NAME_LENGTH, NAME_LEEWAY = 18, 5


def _h(value: Any) -> str:
    """A value as HTML text."""
    return (clean(value) if isinstance(value, str) else str(value)).translate(_HTML_SPECIAL)


def _m(value: Any) -> str:
    """A value as literal Markdown text: no markup, no HTML, no table breaks."""
    if not isinstance(value, str):
        return str(value)
    return _ENTITY_START.sub(r"\\&", clean(value).translate(_MARKDOWN_SPECIAL))


def _join(values: Sequence[Any], between: str) -> str:
    return between.join(str(value) for value in values)


def _cites(numbers: Sequence[int]) -> str:
    """Citation numbers after a statement, in HTML."""
    return f' <span class="cite">[{_h(_join(numbers, ", "))}]</span>' if numbers else ""


def _markdown_cites(numbers: Sequence[int]) -> str:
    return f" [{', '.join(str(int(n)) for n in numbers)}]" if numbers else ""


def _short_name(name: str) -> str:
    """A name cut to fit beside the timeline, ending in an ellipsis."""
    if len(name) <= NAME_LENGTH + NAME_LEEWAY:
        return name
    return name[: NAME_LENGTH - 1] + "…"


# -- HTML -----------------------------------------------------------------------------------------

_STYLE = """\
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --ok: #2e7d32; --okfill: #c8e6c9; --blocked: #eeeeee;
        --major: #b71c1c; --moderate: #8a5a00; --minor: #33691e; --accent: #1f4e79; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--ink); }
body { margin: 1.5rem auto; max-width: 50rem; padding: 0 1rem; font-size: 15px; line-height: 1.4; }
h1 { font-size: 1.45em; margin: 0 0 .15em; color: var(--accent); }
h2 { font-size: 1.05em; margin: 1em 0 .3em; padding-bottom: .1em; border-bottom: 1px solid var(--line);
     color: var(--accent); break-after: avoid; }
p { margin: .3em 0; }
.meta, .muted, .cite { color: var(--muted); }
.cite { font-size: .85em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .2em .45em; border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
td.num, th.num { text-align: right; }
tr { break-inside: avoid; }
.inputs th { width: 7.5em; white-space: nowrap; }
.inputs td span + span::before { content: "; "; }
ul { margin: .2em 0; padding-left: 1.2em; }
li { margin: .1em 0; break-inside: avoid; }
.flag { font-weight: 600; text-transform: uppercase; font-size: .8em; padding: 0 .3em; border: 1px solid; \
border-radius: 3px; }
.flag-stop, .sev-major, .over { color: var(--major); }
.flag-ask, .sev-moderate { color: var(--moderate); }
.flag-note, .sev-minor { color: var(--minor); }
.over { font-weight: 600; }
.meter { height: .55em; background: var(--blocked); border-radius: 3px; overflow: hidden; min-width: 5em; \
margin-top: .25em; }
.meter span { display: block; height: 100%; background: var(--ok); }
.meter.over span { background: var(--major); }
.timeline { width: 100%; height: auto; display: block; margin: .3em 0; }
.timeline text { font-family: inherit; font-size: 11px; fill: var(--ink); }
.timeline .axis { fill: var(--muted); font-size: 10px; }
.timeline .track { fill: var(--blocked); }
.timeline .window { fill: var(--okfill); stroke: var(--ok); stroke-width: 1; }
.timeline .grid { stroke: #d9d9d9; stroke-width: .6; }
.timeline .grid.major { stroke: #b0b0b0; }
.timeline .dose { fill: var(--accent); }
.timeline .dose.unchecked { fill: #fff; stroke: var(--major); stroke-width: 1.5; }
.timeline .suggest { fill: var(--ok); stroke: #fff; stroke-width: 1; }
.timeline .suggest-line { stroke: var(--ok); stroke-width: 1.2; stroke-dasharray: 3 2; }
.timeline .label-mg { font-weight: 600; }
.notchecked { border: 1.5px solid var(--major); padding: .3em .6em; border-radius: 4px; }
.notchecked strong { color: var(--major); }
.c-med { width: 17%; }
.c-what { width: 45%; }
.c-half { width: 45%; }
.small { font-size: .9em; }
.nowrap { white-space: nowrap; }
ol.sources { padding-left: 1.6em; font-size: .86em; }
ol.sources li { overflow-wrap: anywhere; }
footer { margin-top: .8em; border-top: 1px solid var(--line); padding-top: .3em; }
.disclaimer { font-weight: 600; }
.take { color: var(--ok); font-weight: 600; }
.brief li { display: inline; }
.brief li + li::before { content: " · "; }
@page { margin: 9mm 10mm; }
"""
_SHORT_STYLE = "@page { margin: 7mm 9mm; }\n"
_PRINT_STYLE = """\
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 7.8pt; line-height: 1.2; }
  h1 { font-size: 12.5pt; }
  h2 { font-size: 9pt; margin: .5em 0 .15em; }
  .notchecked { padding: 0 .5em .2em; }
  p { margin: .2em 0; }
  th, td { padding: .05em .3em; }
  ul { margin: .1em 0; }
  li { margin: 0; }
  ol.sources { font-size: 7pt; margin: .1em 0; }
  .short ol.sources { columns: 2; column-gap: 1.2em; font-size: 6pt; line-height: 1.15; }
  .short h2 { margin: .35em 0 .1em; }
  .short h1 { font-size: 11pt; }
  .short ol.sources li { break-inside: avoid; }
  .short .timeline { margin: .1em 0; }
  .short td.num, .short th.num { white-space: nowrap; }
  body.short { font-size: 7pt; line-height: 1.15; }
  .source-id { display: none; }
  footer { margin-top: .4em; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""
TITLE = "Magnesium: a summary for your pharmacist or doctor"
NO_PLAN = "No medicine was given with a time (NAME@HH:MM), so there is no plan for the day."


def html(found: dict[str, Any]) -> str:
    """The report as one HTML page (no final line break)."""
    short = found["short"]
    dataset = found["dataset"]
    out = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n',
        "<head>\n",
        '<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="magref {_h(found["version"])}">\n',
        f"<title>{TITLE}</title>\n",
        "<style>\n",
        _STYLE,
        _SHORT_STYLE if short else "",
        _PRINT_STYLE,
        "</style>\n",
        "</head>\n",
        '<body class="short">\n' if short else "<body>\n",
        "<header>\n",
        f"<h1>{TITLE}</h1>\n",
        f'<p class="meta small">magref {_h(found["version"])}',
        f", dataset {_h(dataset['version'])} (reviewed {_h(dataset['date'])})" if dataset else "",
        f". {_h(found['footer'])}</p>\n",
        "</header>\n",
        "\n",
        '<section id="inputs">\n',
        "<h2>What was entered</h2>\n",
        '<table class="inputs">\n',
    ]
    for label, values in found["inputs"]:
        spans = "".join(f"<span>{_h(value)}</span>" for value in values)
        out.append(f'<tr><th scope="row">{_h(label)}</th><td>{spans}</td></tr>\n')
    out += ["</table>\n", "</section>\n", "\n"]
    if found["flags"]:
        out += ['<section id="flags">\n', "<h2>Points to discuss</h2>\n", "<ul>\n"]
        for flag in found["flags"]:
            level = _h(flag["level"])
            out.append(f'<li><span class="flag flag-{level}">{level}</span> {_h(flag["text"])}</li>\n')
        out += ["</ul>\n", "</section>\n"]
    out += ["\n", *_html_intake(found["intake"], short), "\n"]
    out += _html_timeline(found)
    out += ["\n", *_html_interactions(found, short), "\n"]
    if found["cautions"]:
        out += _html_cautions(found["cautions"], short)
    out.append("\n")
    if found["not_checked"]:
        out += _html_not_checked(found, short)
    out.append("\n")
    out += ['<section id="sources">\n', "<h2>Sources</h2>\n", '<ol class="sources">\n']
    for number, (source, key) in enumerate(zip(found["sources"], found["source_ids"], strict=True), 1):
        out.append(
            f'<li id="source-{number}">{_h(source)} <span class="muted source-id">[{_h(key)}]</span></li>\n'
        )
    out += [
        "</ol>\n",
        "</section>\n",
        "\n",
        "<footer>\n",
        f'<p class="disclaimer">{_h(found["disclaimer"])}</p>\n',
        "</footer>\n",
        "</body>\n",
        "</html>",
    ]
    return "".join(out)


def _html_intake(intake: dict[str, Any], short: bool) -> list[str]:
    out = [
        '<section id="intake">\n',
        "<h2>Daily intake against the limit (milligrams of elemental magnesium unless marked compound)"
        "</h2>\n",
        "<table>\n",
        '<thead><tr><th>Item</th><th class="num">Per dose</th><th class="num">Elemental per dose</th>'
        '<th class="num">Doses a day</th><th class="num">Elemental a day</th></tr></thead>\n',
        "<tbody>\n",
    ]
    for item in intake["items"]:
        share = f" ({_h(item['percent'])} magnesium)" if item["percent"] else ""
        out.append(
            f"<tr><td>{_h(item['name'])}{share}{_cites(item['cites'])}</td>"
            f'<td class="num">{_h(item["compound"])}</td><td class="num">{_h(item["per_dose"])}</td>'
            f'<td class="num">{_h(item["times"])}</td><td class="num">{_h(item["per_day"])}</td></tr>\n'
        )
    if not intake["items"]:
        out.append('<tr><td colspan="5" class="muted">No supplement was entered.</td></tr>\n')
    total = intake["total"]
    limit = _h(intake["limit"])
    if total:
        where = " from supplements and medicines; food and water do not count" if short else ""
        out.append(
            f'<tr><th colspan="4">Total from supplements, against the upper limit ({limit} a day{where})'
            f"{_cites(intake['limit_cites'])}</th>\n"
        )
        over = " over" if total["over"] else ""
        cell = _h(total["per_day"])
        if total["share"]:
            cell += f"<br>{_h(total['share'])} of the limit{': over it' if total['over'] else ''}"
            bar = _h(f"{total['bar']:.0f}")
            cell += f'<div class="meter{over}"><span style="width: {bar}%"></span></div>'
        out.append(f'<td class="num{over}">{cell}</td></tr>\n')
    else:
        out.append(
            '<tr><th colspan="4">Upper limit from supplements and medicines'
            f"{_cites(intake['limit_cites'])}</th>"
            f'<td class="num">{limit} a day</td></tr>\n'
        )
    for target in intake["targets"]:
        out.append(
            '<tr><td colspan="4">Recommended intake from food, drinks and supplements together: '
            f"{_h(target['label'])}{_cites(target['cites'])}</td>"
            f'<td class="num">{_h(target["mg"])}</td></tr>\n'
        )
    out += ["</tbody>\n", "</table>\n"]
    if not short:
        out.append(
            '<p class="muted small">The upper limit counts only magnesium from supplements and medicines; '
            "magnesium in food and water does not count.</p>\n"
        )
    out.append("</section>\n")
    return out


def _html_timeline(found: dict[str, Any]) -> list[str]:
    plan = found["plan"]
    out = ['<section id="timeline">\n', "<h2>The day: medicines and when magnesium may be taken</h2>\n"]
    if plan:
        out += _svg(plan)
        if plan["whole_day"]:
            out.append("<p>Any time of day keeps the gaps magref knows of.</p>\n")
        elif plan["suggestions"]:
            out.append("<ul>\n")
            for s in plan["suggestions"]:
                take = ""
                if s["take"]:
                    take = f': <span class="take">take {_h(_join(s["take"], ", "))}</span>'
                elif found["intake"]["items"]:
                    take = ": none of your items is placed here"
                time = _h(s["time"])
                out.append(
                    f"<li><strong>Suggested magnesium time {time}{take}.</strong> {_h(s['why'])}</li>\n"
                )
            out.append("</ul>\n")
        else:
            out.append(f'<p class="over">{NO_WINDOW}</p>\n')
        if plan["notes"]:
            out.append('<ul class="muted small">\n')
            out += [f"<li>{_h(note)}</li>\n" for note in plan["notes"]]
            out.append("</ul>\n")
    else:
        out.append(f'<p class="muted">{NO_PLAN}</p>\n')
    if found["untimed"]:
        out.append(
            '<p class="small"><strong>Not on the timeline, no time given:</strong> '
            f"{_h(_join(found['untimed'], ', '))}. Give a time (NAME@HH:MM) to place it.</p>\n"
        )
    out.append("</section>\n")
    return out


def _svg(plan: dict[str, Any]) -> list[str]:
    """The day as a picture: hours, windows for magnesium, suggested times and each medicine's doses."""
    width, height, gutter = plan["width"], plan["height"], plan["gutter"]
    top, legend = plan["magnesium_y"], plan["legend_y"]
    out = [
        '<svg class="timeline" role="img" aria-labelledby="timeline-title" '
        'xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">\n',
        '<title id="timeline-title">A 24-hour day: medicine times, windows for magnesium and suggested times'
        "</title>\n",
    ]
    for tick in plan["ticks"]:
        major = " major" if tick["major"] else ""
        out.append(
            f'<line class="grid{major}" x1="{tick["x"]}" y1="14" x2="{tick["x"]}" y2="{legend - 16}"/>\n'
        )
        if tick["major"]:
            out.append(
                f'<text class="axis" x="{tick["x"]}" y="10" text-anchor="middle">{_h(tick["label"])}</text>'
            )
    out += [
        f'<text class="label-mg" x="4" y="{top + 15}">Magnesium</text>\n',
        f'<rect class="track" x="{plan["track"]["x"]}" y="{top + 3}" '
        f'width="{plan["track"]["width"]}" height="16"/>\n',
    ]
    for window in plan["windows"]:
        for sx, sw in window["spans"]:
            out.append(
                f'<rect class="window" x="{sx}" y="{top + 3}" width="{sw}" height="16">'
                f"<title>Magnesium keeps every gap: {_h(window['text'])}</title></rect>\n"
            )
    for s in plan["suggestions"]:
        time = _h(s["time"])
        take = f": {_h(_join(s['take'], ', '))}" if s["take"] else ""
        out += [
            f'<line class="suggest-line" x1="{s["x"]}" y1="{top + 3}" x2="{s["x"]}" y2="{legend - 16}"/>\n',
            f'<path class="suggest" d="M {s["x"]} {top + 4} l 7 7 l -7 7 l -7 -7 z"><title>Suggested: {time}'
            "</title></path>\n",
            f'<text x="{s["label_x"]}" y="{top + 15}" text-anchor="{s["anchor"]}" font-weight="600">{time}'
            f"<title>{time}{take}</title></text>\n",
        ]
    for medicine in plan["medicines"]:
        y = medicine["y"]
        unchecked = medicine["unchecked"]
        out.append(f'<text x="4" y="{y + 15}">{_h(_short_name(medicine["name"]))}</text>\n')
        for dose in medicine["doses"]:
            out += [
                f'<circle class="{"dose unchecked" if unchecked else "dose"}" cx="{dose["x"]}" cy="{y + 11}" '
                'r="5.5">'
                f"<title>{_h(medicine['name'])} at {_h(dose['time'])}</title></circle>\n",
                f'<text x="{dose["label_x"]}" y="{y + 15}" text-anchor="{dose["anchor"]}">'
                f"{_h(dose['text'])}</text>\n",
            ]
    out += [
        f'<rect class="window" x="{gutter}" y="{legend - 9}" width="18" height="10"/>\n',
        f'<text x="{gutter + 24}" y="{legend}">magnesium keeps every gap</text>\n',
        f'<rect class="track" x="{gutter + 190}" y="{legend - 9}" width="18" height="10"/>\n',
        f'<text x="{gutter + 214}" y="{legend}">too close to a medicine</text>\n',
        f'<path class="suggest" d="M {gutter + 372} {legend - 10} l 6 6 l -6 6 l -6 -6 z"/>\n',
        f'<text x="{gutter + 382}" y="{legend}">suggested time</text>\n',
        f'<circle class="dose" cx="{gutter + 492}" cy="{legend - 4}" r="5"/>\n',
        f'<text x="{gutter + 502}" y="{legend}">medicine</text>\n',
        "</svg>\n",
    ]
    return out


def _html_interactions(found: dict[str, Any], short: bool) -> list[str]:
    interactions = found["interactions"]
    out = ['<section id="interactions">\n', "<h2>Interactions with magnesium</h2>\n"]
    if interactions and short:
        out.append("<ul>\n")
        for i in interactions:
            severity = _h(i["severity"])
            out.append(
                f"<li><strong>{_h(i['matched'])}</strong> ({_h(i['name'])}, "
                f'<span class="sev-{severity}">{severity}</span>): {_h(i["rule"])}{_cites(i["cites"])}</li>\n'
            )
        out.append("</ul>\n")
    elif interactions:
        out += [
            '<table class="interaction">\n',
            '<thead><tr><th class="c-med">Medicine</th><th class="c-what">What happens, and why</th>'
            "<th>Timing rule</th></tr></thead>\n",
            "<tbody>\n",
        ]
        for i in interactions:
            severity = _h(i["severity"])
            notes = "".join(
                f" <em>{_h(note['drug'])}:</em> {_h(note['text'])}{_cites(note['cites'])}"
                for note in i["notes"]
            )
            out += [
                "<tr>\n",
                f"<td><strong>{_h(i['matched'])}</strong><br>{_h(i['name'])}<br>"
                f'<span class="sev-{severity}">{severity}</span></td>\n',
                f"<td>{_h(i['effect'])} <em>Mechanism:</em> {_h(i['mechanism'])}{notes}</td>\n",
                f"<td>{_h(i['rule'])}{_cites(i['cites'])}</td>\n",
                "</tr>\n",
            ]
        out += ["</tbody>\n", "</table>\n"]
    else:
        see = "; see the medicines not checked below" if _medicine_not_checked(found) else ""
        out.append(f"<p>None of the medicines entered is listed as interacting with magnesium{see}.</p>\n")
    out.append("</section>\n")
    return out


def _medicine_not_checked(found: dict[str, Any]) -> bool:
    return any(item["kind"] == "medicine" for item in found["not_checked"])


def _html_cautions(cautions: list[dict[str, Any]], short: bool) -> list[str]:
    out = ['<section id="cautions">\n', "<h2>Cautions</h2>\n", '<ul class="brief">\n' if short else "<ul>\n"]
    for c in cautions:
        level = _h(c["level"])
        advice = f" {_h(c['advice'])}" if c["advice"] else ""
        out.append(
            f'<li><strong>{_h(c["condition"])}</strong> <span class="flag flag-{level}">{level}</span>'
            f"{advice}{_cites(c['cites'])}</li>\n"
        )
    if short:
        out.append(
            '<li class="muted small">each in full: magref cautions NAME, or this report with --full</li>\n'
        )
    out += ["</ul>\n", "</section>\n"]
    return out


def _html_not_checked(found: dict[str, Any], short: bool) -> list[str]:
    """What was not checked: on a short page, one line for each reason (in the order of their
    wording), naming each item; else each item with its reason."""
    items = found["not_checked"]
    out = ['<section id="not-checked" class="notchecked">\n', "<h2>Not checked</h2>\n"]
    if short:
        for note in sorted({i["note"] for i in items}):
            named = ", ".join(
                f"<strong>{_h(i['name'])}</strong> ({_h(i['kind'])})" for i in items if i["note"] == note
            )
            out.append(f"<p>{named}: {_h(note)}.</p>\n")
    else:
        out.append("<ul>\n")
        out += [
            f"<li><strong>{_h(i['name'])}</strong> ({_h(i['kind'])}): {_h(i['note'])}.</li>\n" for i in items
        ]
        out.append("</ul>\n")
    out.append("</section>\n")
    return out


# -- Markdown -------------------------------------------------------------------------------------


def markdown(found: dict[str, Any]) -> str:
    """The report as one Markdown document."""
    dataset = found["dataset"]
    made = (
        f" from its dataset version {_m(dataset['version'])} (reviewed {_m(dataset['date'])})"
        if dataset
        else ""
    )
    out = [
        f"# {TITLE}\n",
        "\n",
        f"Made by magref {_m(found['version'])}{made}. {_m(found['footer'])}\n",
        "\n",
        "## What was entered\n",
        "\n",
        "| | |\n",
        "|---|---|\n",
    ]
    out += [f"| {_m(label)} | {_m(_join(values, '; '))} |\n" for label, values in found["inputs"]]
    if found["flags"]:
        out += ["\n", "## Points to discuss\n", "\n"]
        out += [f"- **{_m(flag['level'].upper())}** {_m(flag['text'])}\n" for flag in found["flags"]]
    out += _markdown_intake(found["intake"])
    out += _markdown_plan(found)
    out += ["\n", "## Interactions with magnesium\n", "\n"]
    for i in found["interactions"]:
        out += [
            f"### {_m(i['matched'])}: {_m(i['name'])} ({_m(i['severity'])})\n",
            "\n",
            f"- What happens: {_m(i['effect'])}\n",
            f"- Mechanism: {_m(i['mechanism'])}\n",
            f"- Timing rule: {_m(i['rule'])}{_markdown_cites(i['cites'])}\n",
        ]
        out += [
            f"- About {_m(note['drug'])}: {_m(note['text'])}{_markdown_cites(note['cites'])}\n"
            for note in i["notes"]
        ]
        out.append("\n")
    if not found["interactions"]:
        see = "; see the medicines not checked below" if _medicine_not_checked(found) else ""
        out += [f"None of the medicines entered is listed as interacting with magnesium{see}.\n", "\n"]
    if found["cautions"]:
        out += ["## Cautions\n", "\n"]
        out += [
            f"- **{_m(c['condition'])}** ({_m(c['level'])}): {_m(c['advice'])}{_markdown_cites(c['cites'])}\n"
            for c in found["cautions"]
        ]
        out.append("\n")
    if found["not_checked"]:
        out += ["## Not checked\n", "\n"]
        out += [f"- **{_m(i['name'])}** ({_m(i['kind'])}): {_m(i['note'])}.\n" for i in found["not_checked"]]
        out.append("\n")
    out += ["## Sources\n", "\n"]
    for number, (source, key) in enumerate(zip(found["sources"], found["source_ids"], strict=True), 1):
        out.append(f"{number}. {_m(source)} ({_m(key)})\n")
    dated = f"; dataset {_m(dataset['version'])}, reviewed {_m(dataset['date'])}" if dataset else ""
    out += [
        "\n",
        "---\n",
        "\n",
        f"**{_m(found['disclaimer'])}**\n",
        "\n",
        f"magref {_m(found['version'])}{dated}.\n",
    ]
    return "".join(out)


def _markdown_intake(intake: dict[str, Any]) -> list[str]:
    out = [
        "\n",
        "## Daily intake against the limit\n",
        "\n",
        "Milligrams of elemental magnesium unless marked compound.\n",
        "\n",
        "| Item | Per dose | Elemental per dose | Doses a day | Elemental a day |\n",
        "|---|--:|--:|--:|--:|\n",
    ]
    for item in intake["items"]:
        share = f" ({_m(item['percent'])} magnesium)" if item["percent"] else ""
        out.append(
            f"| {_m(item['name'])}{share}{_markdown_cites(item['cites'])} | {_m(item['compound'])} | "
            f"{_m(item['per_dose'])} | {_m(item['times'])} | {_m(item['per_day'])} |\n"
        )
    if not intake["items"]:
        out.append("| No supplement was entered. | | | | |\n")
    total = intake["total"]
    cites = _markdown_cites(intake["limit_cites"])
    if total:
        share = ""
        if total["share"]:
            share = f": {_m(total['share'])} of the limit{', over it' if total['over'] else ''}"
        out.append(
            f"| **Total from supplements**, against the upper limit ({_m(intake['limit'])} a day){cites} "
            f"| | | | **{_m(total['per_day'])}**{share} |\n"
        )
    else:
        out.append(
            f"| Upper limit from supplements and medicines{cites} | | | | {_m(intake['limit'])} a day |\n"
        )
    out += [
        "| Recommended intake from food, drinks and supplements together: "
        f"{_m(target['label'])}{_markdown_cites(target['cites'])} | | | | {_m(target['mg'])} |\n"
        for target in intake["targets"]
    ]
    out += [
        "\n",
        "The upper limit counts only magnesium from supplements and medicines; "
        "magnesium in food and water does not count.\n",
        "\n",
        "## The day: medicines and when magnesium may be taken\n",
        "\n",
    ]
    return out


def _markdown_plan(found: dict[str, Any]) -> list[str]:
    plan = found["plan"]
    out = []
    if plan:
        for dose in plan["doses"]:
            times = _m(_join(dose["times"], ", "))
            out.append(f"- {_m(dose['drug'])} at {times} ({_m(dose['class'])}): {_m(dose['rule'])}\n")
        for medicine in plan["medicines"]:
            if medicine["unchecked"]:
                times = _m(_join([d["time"] for d in medicine["doses"]], ", "))
                out.append(f"- {_m(medicine['name'])} at {times}: not checked.\n")
        out.append("\n")
        if plan["whole_day"]:
            out.append("Any time of day keeps the gaps magref knows of.\n")
        elif plan["windows"]:
            out.append(f"Windows for magnesium: {_m(_join([w['text'] for w in plan['windows']], '; '))}.\n")
            for s in plan["suggestions"]:
                take = ""
                if s["take"]:
                    take = f": take {_m(_join(s['take'], ', '))}"
                elif found["intake"]["items"]:
                    take = ": none of your items is placed here"
                out += ["\n", f"- **Suggested magnesium time {_m(s['time'])}{take}.** {_m(s['why'])}\n"]
        else:
            out.append(f"{NO_WINDOW}\n")
        if plan["notes"]:
            out += ["\n", "Notes:\n", "\n", *(f"- {_m(note)}\n" for note in plan["notes"])]
    else:
        out.append(f"{NO_PLAN}\n")
    if found["untimed"]:
        out += ["\n", f"Not on the timeline, no time given: {_m(_join(found['untimed'], ', '))}.\n"]
    return out
