"""A person's check as a page to hand over: one self-contained HTML file, or Markdown.

This module gathers and words what the check's Report holds (positions on the timeline, citation
numbers) and ``page.py`` writes it out, escaping every value; it looks nothing up and adds no fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from magref import __version__
from magref.check import Report
from magref.intake import Line
from magref.model import Source
from magref.plan import DAY, Dose, Plan, Suggestion
from magref.render import phrases, status_views
from magref.render.check_views import REPORT_FOOTER
from magref.render.document import DISCLAIMER
from magref.render.dosing_views import figure_text, ul_text
from magref.render.intake_views import describe
from magref.render.interaction_views import matched_names, spacing_text, suggestion_reason, window_text
from magref.render.views import mg, percent, source_line

Format = Literal["html", "md"]

#: Geometry of the timeline picture, in SVG user units.
WIDTH = 860
GUTTER = 124
RIGHT = 20
AXIS = 16
ROW = 21
#: The row height on a short page.
SHORT_ROW = 16
LEGEND = 22


def render(report: Report, fmt: Format = "html", full: bool = False) -> str:
    """The report as one HTML page or one Markdown document.

    A page that would not fit on one sheet is made short: interactions by their timing rule, cautions
    by name, and only the sources the page cites; ``full`` keeps every detail, over more pages.
    """
    from magref.render import page

    if fmt == "html":
        return page.html(context(report, full))
    return page.markdown(context(report, True))


#: Above this many lines (an estimate, at the printed size), the page is made short to fit one sheet.
PAGE_LINES = 72


def context(report: Report, full: bool = True) -> dict[str, Any]:
    """Everything the templates show, as plain values; ``full`` keeps every detail, else the page
    is made short when it would not fit one sheet. Sources are those the page cites, numbered in
    the order the check first cites them."""
    used: list[str] = []

    def record(ids: Sequence[str]) -> list[int]:
        used.extend(i for i in ids if i not in used)
        return []

    estimate = _lines(_context(report, record, short=False)) + 1.5 * len(used)
    short = not full and estimate > PAGE_LINES
    if short:
        used.clear()
        _context(report, record, short)
    cited = [source for source in report.sources if source.id in used]
    numbers = {source.id: number for number, source in enumerate(cited, 1)}

    def cite(ids: Sequence[str]) -> list[int]:
        return sorted({numbers[i] for i in ids if i in numbers})

    found = _context(report, cite, short)
    found["sources"] = [_short_source(s) if short else source_line(s).split("] ", 1)[1] for s in cited]
    found["source_ids"] = [s.id for s in cited]
    return found


def _short_source(source: Source) -> str:
    """A source named briefly, for a short page: who (the authors, or the publisher's first name),
    the title, a paper's journal, and the year; no link (the full report has them)."""
    who = source.authors or (source.organisation or "").split(";")[0]
    paper = source.publication if source.authors else None
    text = ". ".join(part.rstrip(".") for part in (who, source.title, paper) if part)
    return text + (f" ({source.year})" if source.year and str(source.year) not in text else "")


def _context(report: Report, cite: Any, short: bool) -> dict[str, Any]:
    about = report.about
    # A short page leaves out the flags its own sections show: interactions, cautions, not checked.
    repeated = ("interaction", "caution", "medicine-not-listed", "medicine-not-checked")
    flags = [f for f in report.flags if not short or f.code not in repeated]
    return {
        "version": __version__,
        "dataset": {"version": about.version, "date": about.date} if about else None,
        "disclaimer": DISCLAIMER,
        "footer": REPORT_FOOTER,
        "short": short,
        "inputs": _inputs(report),
        "flags": [{"level": f.level, "text": phrases.flag(f)} for f in flags],
        "intake": _intake(report, cite),
        "plan": _plan(report.plan, _slot_names(report), short) if report.plan else None,
        "untimed": report.untimed,
        "interactions": _interactions(report, cite, short),
        "cautions": [
            {
                "condition": c.condition,
                "level": c.level,
                "advice": "" if short else c.advice,
                "id": c.id,
                # named only, a short page's caution states nothing to cite
                "cites": [] if short else cite(c.sources),
            }
            for c in report.cautions
        ],
        "not_checked": _not_checked(report),
    }


def _not_checked(report: Report) -> list[dict[str, str]]:
    """The medicines held but not checked against magnesium, then what the dataset does not hold."""
    held = [
        {"kind": "medicine", "name": item.name.typed, "note": phrases.MEDICINE_NOT_CHECKED}
        for item in report.interactions.medicines
        if item.status == "not-checked"
    ]
    missing = report.unknown
    return held + [{"kind": u.kind, "name": u.name, "note": phrases.NOT_CHECKED} for u in missing]


def _lines(found: dict[str, Any]) -> float:
    """About how many printed lines the page takes on one sheet (about 150 characters a line)."""

    def text(value: str, width: int = 150) -> float:
        return 1 + len(value) // width

    lines = 8.0 + sum(text(" ".join(values), 120) for _, values in found["inputs"])
    lines += sum(text(flag["text"]) for flag in found["flags"])
    lines += 6 + 2 * len(found["intake"]["items"]) + len(found["intake"]["targets"])
    plan = found["plan"]
    if plan is not None:
        lines += 4 + 1.6 * len(plan["medicines"]) + 2 * len(plan["suggestions"]) + len(plan["notes"])
    lines += 2 + sum(
        max(text(i["effect"] + i["mechanism"], 70), text(i["rule"], 55)) for i in found["interactions"]
    )
    lines += 2 + sum(text(c["advice"]) for c in found["cautions"])
    return lines + 4 + len(found["not_checked"])


def _inputs(report: Report) -> list[tuple[str, list[str]]]:
    person = report.person
    who = [
        phrases.age(person.age) + ("" if person.age < 1 else " years"),
        *([person.sex] if person.sex else []),
        *([person.stage] if person.stage else []),
    ]
    rows: list[tuple[str, list[str]]] = [("Person", who)]
    entered = report.inputs
    if entered is None:
        return rows
    rows.append(("Taken", entered.items or ["none given"]))
    rows.append(("Medicines", entered.drugs or ["none given"]))
    rows.append(("Conditions", entered.conditions or ["none given"]))
    return rows + _status_rows(report)


def _status_rows(report: Report) -> list[tuple[str, list[str]]]:
    """The blood result and kidney function, as read, when given."""
    found = report.status
    if found is None:
        return []
    rows: list[tuple[str, list[str]]] = []
    if found.lab is not None:
        rows.append(("Blood magnesium", [status_views.lab_read_as(found.lab).removeprefix("lab ")]))
    if found.kidney is not None:
        rows.append(("Kidneys", [status_views.kidney_read_as(found.kidney).removeprefix("kidney ")]))
    return rows


def _intake(report: Report, cite: Any) -> dict[str, Any]:
    targets = [
        {
            "label": f"{t.rda_kind} ({t.life_stage or t.sex})",
            "mg": f"{t.rda_mg} mg elemental a day" if t.rda_mg is not None else figure_text(t),
            "cites": cite(t.sources),
        }
        for t in report.targets
    ]
    first = report.targets[0]
    taken = report.intake
    items = []
    total = None
    if taken is not None:
        for line in taken.lines:
            form = line.form
            ids = [*(form.sources if form else []), *(line.product.sources if line.product else [])]
            items.append(
                {
                    "name": form.name if line.kind == "form" and form else describe(line),
                    "percent": percent(form.elemental_percent) if form else "",
                    "compound": f"{mg(line.compound_mg)} compound" if line.compound_mg is not None else "",
                    "per_dose": f"{mg(line.elemental_mg)} elemental",
                    "times": line.times,
                    "per_day": f"{mg(line.per_day_elemental_mg)} elemental",
                    "cites": cite(ids),
                }
            )
        limit = taken.ul_supplemental_mg
        per_day = taken.total_elemental_mg
        total = {
            "per_day": f"{mg(per_day)} elemental",
            "share": f"{100 * per_day / limit:.0f}%" if limit else None,
            "over": taken.over_ul,
            "bar": min(100.0, 100 * per_day / limit) if limit else 0.0,
        }
    return {
        "targets": targets,
        "limit": ul_text(first.ul_supplemental_mg),
        "limit_cites": cite(first.upper.sources),
        "items": items,
        "total": total,
    }


def _slot_names(report: Report) -> dict[int, list[str]]:
    """For each suggested time, the items taken to take then: "Magnesium citrate", "Magnesium
    oxide (2 doses)"."""
    lines = report.intake.lines if report.intake is not None else []
    named: dict[int, list[str]] = {}
    for slot in report.slots:
        counts = {index: slot.items.count(index) for index in slot.items}
        named[slot.minute] = [
            _item_name(lines[index]) + (f" ({count} doses)" if count > 1 else "")
            for index, count in counts.items()
        ]
    return named


def _item_name(line: Line) -> str:
    if line.product is not None:
        return line.product.name
    if line.form is not None:
        return line.form.name
    return describe(line)


def _interactions(report: Report, cite: Any, short: bool = False) -> list[dict[str, Any]]:
    """Each interaction; made short, by its timing rule alone, citing the rule's sources."""
    found = []
    for match in report.interactions.matches:
        group = match.group
        spacing = match.spacing
        ids = [*group.sources, *(spacing.sources if spacing else [])]
        if short:
            ids = list(spacing.sources) if spacing and spacing.sources else list(group.sources)
        notes = [
            {"drug": d.name, "text": d.note, "cites": cite(d.sources)}
            for d in match.drugs
            if d.note and not short
        ]
        found.append(
            {
                "matched": matched_names(match),
                "name": group.name,
                "severity": group.severity,
                "effect": group.effect,
                "mechanism": group.mechanism,
                "management": group.management,
                "rule": phrases.spacing_rule(spacing) if short else spacing_text(spacing),
                "notes": notes,
                "cites": cite(ids),
            }
        )
    return found


# -- the day as a picture -------------------------------------------------------------------------


def x(minute: int) -> float:
    """The horizontal position of a minute of the day."""
    return round(GUTTER + (WIDTH - GUTTER - RIGHT) * minute / DAY, 1)


#: About how wide one character of the timeline's 11 px text is, in the picture's units.
CHARACTER = 6.4


def _mark(at: float, text: str, gap: float = 8) -> dict[str, Any]:
    """A mark's label: to the right of it, or to its left where it would run off the picture."""
    if at + gap + len(text) * CHARACTER <= WIDTH:
        return {"x": at, "text": text, "label_x": round(at + gap, 1), "anchor": "start"}
    return {"x": at, "text": text, "label_x": round(at - gap, 1), "anchor": "end"}


def _spans(start: int, end: int) -> list[tuple[float, float]]:
    """A window as one or two (x, width) pieces: one that runs past midnight wraps round."""
    pieces = [(start, end + 1)] if start <= end else [(start, DAY), (0, end + 1)]
    return [(x(a), round(x(b) - x(a), 1)) for a, b in pieces]


#: Plan notes a short page leaves out: its "not checked" box and interactions table say them.
SHOWN_ELSEWHERE = frozenset({"not-listed", "not-checked", "timing-does-not-help"})


def _plan(plan: Plan, take: dict[int, list[str]] | None = None, short: bool = False) -> dict[str, Any]:
    rows: dict[str, list[Dose]] = {}
    for dose in plan.doses:
        rows.setdefault(phrases.dose_name(dose), []).append(dose)
    medicines = [
        {
            "name": name,
            "doses": [
                {"time": phrases.dose_time(d), **_mark(x(d.minute), phrases.dose_time(d))} for d in doses
            ],
            "unchecked": False,
        }
        for name, doses in rows.items()
    ]
    unchecked: dict[str, list[tuple[int, bool]]] = {}
    for request in plan.unmatched:
        unchecked.setdefault(request.drug, []).append((request.minute, request.assumed))
    medicines += [
        {
            "name": name,
            "doses": [_unchecked_dose(m, assumed) for m, assumed in minutes],
            "unchecked": True,
        }
        for name, minutes in unchecked.items()
    ]
    row = SHORT_ROW if short else ROW
    top = AXIS
    magnesium_y = top
    for number, medicine in enumerate(medicines, 1):
        medicine["y"] = top + number * row
    height = top + (len(medicines) + 1) * row + LEGEND
    whole_day = plan.windows == [(0, DAY - 1)]
    return {
        "width": WIDTH,
        "height": height,
        "gutter": GUTTER,
        "row": row,
        "track": {"x": x(0), "width": round(x(DAY) - x(0), 1)},
        "ticks": [{"x": x(h * 60), "label": f"{h:02d}:00", "major": h % 3 == 0} for h in range(25)],
        "magnesium_y": magnesium_y,
        "windows": [
            {"text": window_text(start, end), "spans": _spans(start, end)} for start, end in plan.windows
        ],
        "whole_day": whole_day,
        "suggestions": [_suggestion(s, (take or {}).get(s.minute, []), short) for s in plan.suggestions],
        "medicines": medicines,
        "legend_y": height - LEGEND + 14,
        "notes": [
            phrases.plan_note(note) for note in plan.notes if not short or note.code not in SHOWN_ELSEWHERE
        ],
        "doses": [
            {
                "drug": name,
                "times": [phrases.dose_time(d) for d in doses],
                "class": doses[0].class_name,
                "rule": spacing_text(doses[0].spacing),
            }
            for name, doses in rows.items()
        ],
    }


def _unchecked_dose(minute: int, assumed: bool) -> dict[str, Any]:
    time = phrases.hhmm(minute) + (" (assumed)" if assumed else "")
    return {"time": time, **_mark(x(minute), f"{time} (not checked)")}


def _suggestion(suggestion: Suggestion, take: list[str], short: bool = False) -> dict[str, Any]:
    """A suggested time, what to take then, and why (on a short page, only its window)."""
    start, end = suggestion.window
    return {
        "time": phrases.hhmm(suggestion.minute),
        "take": take,
        **_mark(x(suggestion.minute), phrases.hhmm(suggestion.minute), gap=9),
        "why": f"In the window {window_text(start, end)}." if short else suggestion_reason(suggestion),
    }
