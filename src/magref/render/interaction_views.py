"""Views of interactions and timing plans: each lays out the core's answer as a document, and
``worded``/``worded_plan`` put into the answer's JSON the sentences it carries (statuses, notes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from magref.interactions import (
    CheckedMedicine,
    ClassesDocument,
    FamilyDocument,
    InteractionsAnswer,
    InteractionsDocument,
    Match,
    MatchDocument,
)
from magref.model import Drug, MechanismKind, Source, Spacing
from magref.plan import (
    AWAKE,
    Dose,
    DoseRequest,
    DoseRow,
    PlanAnswer,
    PlanDocument,
    Suggestion,
)
from magref.regimen import Regimen
from magref.render.document import (
    DISCLAIMER,
    Bullets,
    Cell,
    Document,
    Fields,
    Heading,
    Line,
    Paragraph,
    Table,
)
from magref.render.phrases import (
    ASSUMED_TIMES,
    FAMILY_NOTE,
    NOT_LISTED,
    SHORT_CONCERNS,
    UNLISTED_NOTE,
    brand_holds,
    capital,
    hhmm,
    matched_name,
    plan_note,
    read_as,
    relevance,
    route_note,
    spacing_rule,
    status_message,
)
from magref.render.views import cite

#: Each way of interacting, in words.
MECHANISM_WORDS: dict[str, str] = {
    "binding": "binding: magnesium binds the medicine in the gut, so less of it is absorbed",
    "stomach-ph": (
        "stomach acid: an antacid raises the stomach's pH, which changes how much of the medicine "
        "dissolves and is absorbed (for most of these, less)"
    ),
    "absorption": "absorption: magnesium lowers how much of the medicine is absorbed; how is not settled",
    "kidney-handling": "kidneys: the medicine changes how much magnesium the kidneys keep or pass out",
    "magnesium-absorption": "magnesium uptake: the medicine changes how much magnesium the gut absorbs",
    "acid-base": "acid balance: taken together they can make the blood too alkaline",
    "additive-effect": (
        "added effect: magnesium and the medicine push the same way (such as higher blood magnesium "
        "or looser stools), so together they do more"
    ),
    "early-release": (
        "coating: an antacid makes the stomach less acid, so a coated tablet can open there "
        "instead of in the bowel"
    ),
    "urine-ph": (
        "urine: a magnesium antacid makes the urine less acid, which changes how the kidneys pass "
        "the medicine out or how well it works there"
    ),
}
#: Which magnesium products an interaction concerns, in words.
CONCERNS_WORDS: dict[str, str] = {
    "any-magnesium": (
        "any magnesium product: supplements such as a glycinate capsule, antacids and laxatives alike"
    ),
    "antacids-laxatives": (
        "magnesium antacids and laxatives such as milk of magnesia, not necessarily a magnesium "
        "supplement such as a glycinate capsule; ask a pharmacist whether your product acts as an antacid"
    ),
    "intravenous": "magnesium given into a vein in hospital, not magnesium taken by mouth",
}
#: Hours on the timeline, one character each.
HOURS = 24

if TYPE_CHECKING:
    pass


def hours(value: float) -> str:
    return f"{value:g} h"


def spacing_text(spacing: Spacing | None) -> str:
    """The spacing in words, with its note."""
    rule = spacing_rule(spacing)
    return f"{rule} {spacing.note}" if spacing is not None and spacing.note else rule


def short_spacing(spacing: Spacing | None) -> str:
    if spacing is None:
        return "timing does not help"
    if spacing.hours_before == 0 and spacing.hours_after == 0:
        return "no gap named"
    before = "no gap known" if spacing.hours_before is None else hours(spacing.hours_before)
    after = "no gap known" if spacing.hours_after is None else hours(spacing.hours_after)
    return f"{before} before / {after} after"


def mechanism_text(kinds: Sequence[MechanismKind]) -> str:
    """Each way the matched drugs interact, as one or more sentences."""
    return " ".join(capital(MECHANISM_WORDS[kind]) for kind in kinds)


def drug_list(drugs: Sequence[Drug]) -> str:
    """Each drug with its brands: ``furosemide (Lasix), bumetanide (Bumex)``."""
    return ", ".join(drug_label(d) for d in drugs)


def drug_label(drug: Drug) -> str:
    """``dolutegravir (Tivicay; in Triumeq, Dovato)``: the drug with its brands and combinations."""
    parts = [", ".join(drug.brands), "in " + ", ".join(drug.combinations) if drug.combinations else ""]
    shown = "; ".join(p for p in parts if p)
    return f"{drug.name} ({shown})" if shown else drug.name


def matched_names(match: Match | MatchDocument) -> str:
    return ", ".join(matched_name(name) for name in match.matched)


def worded(answer: InteractionsAnswer) -> InteractionsDocument:
    """The answer's document with its notes and each status in words: what ``--json`` prints."""
    document = answer.document
    sources = {
        item.name: found for item, found in zip(document.medicines, answer.checked_sources, strict=True)
    }

    def classes(row_ids: Sequence[str]) -> list[str]:
        return [m.class_name for m in document.matches if m.class_id in row_ids]

    return msgspec.structs.replace(
        document,
        unmatched_note=NOT_LISTED if document.unmatched else None,
        route_note=route_note(document.route) if document.route and document.matches else None,
        statuses=[
            msgspec.structs.replace(
                row,
                message=status_message(row.status, sources.get(row.name or "", []), classes(row.class_ids)),
            )
            for row in document.statuses
        ],
        medicines=[
            msgspec.structs.replace(item, message=status_message(item.status, found))
            for item, found in zip(document.medicines, answer.checked_sources, strict=True)
        ],
        families=[msgspec.structs.replace(family, note=FAMILY_NOTE) for family in document.families],
    )


#: How a status heads a medicine's section.
STATUS_HEADINGS = {"checked-none": "checked, no interaction found", "not-checked": "not checked"}


def medicine_blocks(item: CheckedMedicine, sources: Sequence[Source]) -> Document:
    """A medicine in no class: its family, status in words, date checked, note and sources."""
    fields: list[tuple[str, Cell]] = [
        ("Matched", Cell(matched_name(item.matched))),
        ("Family", Cell(item.family_name)),
        ("Status", Cell(capital(status_message(item.status, sources)), "warning")),
    ]
    if item.checked:
        fields.append(("Checked on", Cell(item.checked)))
    if item.note:
        fields.append(("About", Cell(item.note)))
    if item.sources:
        fields.append(("Sources", Cell(cite(item.sources))))
    return [Heading(f"{item.name}: {STATUS_HEADINGS[item.status]}", 2), Fields(fields)]


def family_blocks(item: FamilyDocument) -> Document:
    """A family named by a class word: its members the dataset holds, by status."""
    interacting = [
        f"{m.name} ({m.class_name}: {m.severity})" for m in item.members if m.status == "interaction"
    ]
    checked = [m.name for m in item.members if m.status == "checked-none"]
    unchecked = [m.name for m in item.members if m.status == "not-checked"]
    fields: list[tuple[str, Cell]] = [("Matched", Cell(item.matched))]
    fields.append(("Interact", Cell(", ".join(interacting) or "none listed")))
    fields.append(("Checked, none found", Cell(", ".join(checked) or "none listed")))
    if unchecked:
        fields.append(("Not checked", Cell(", ".join(unchecked))))
    return [
        Heading(f"{item.name}: what magref holds", 2),
        Fields(fields),
        Paragraph(FAMILY_NOTE, "muted"),
    ]


def report_document(answer: InteractionsAnswer) -> Document:
    report = answer.document
    doc: Document = [Heading("Interactions: " + " ".join(report.queries))]
    magnesium = [*report.products, *report.forms]
    if magnesium:
        named = ", ".join(entry.name for entry in magnesium)
        doc.append(
            Paragraph(
                f"Magnesium named: {named}. Each interaction below says which magnesium products it "
                "applies to (Applies to)."
            )
        )
    for brand in report.brands:
        doc.append(Paragraph(f"{brand_holds(brand.label, brand.components)} {cite(brand.sources)}"))
    for match, drugs in zip(report.matches, answer.classes, strict=True):
        spacing = match.spacing
        sources = list(dict.fromkeys([*match.sources, *(spacing.sources if spacing else [])]))
        doc += [
            Heading(f"{match.class_name}: {match.severity}", 2),
            Fields(
                [
                    ("Matched", Cell(matched_names(match))),
                    ("In this class", Cell(drug_list(drugs.every))),
                    ("Severity", Cell(match.severity, match.severity)),
                    ("What happens", Cell(match.effect)),
                    ("Why", Cell(match.mechanism)),
                    ("How", Cell(mechanism_text(match.mechanism_kinds))),
                    ("Applies to", Cell(capital(CONCERNS_WORDS[match.concerns]))),
                    *(
                        (
                            f"For {form.name}",
                            Cell(relevance(report.relevance[match.class_id][form.id], match.concerns)),
                        )
                        for form in magnesium
                        if match.class_id in report.relevance
                    ),
                    ("What to do", Cell(match.management)),
                    ("Spacing", Cell(spacing_text(spacing), "warning")),
                    *(
                        (f"About {d.name}", Cell(f"{d.note} {cite(d.sources)}"))
                        for d in drugs.named
                        if d.note
                    ),
                    ("Sources", Cell(cite(sources))),
                ]
            ),
        ]
    if report.route and report.matches:
        doc.append(Paragraph(route_note(report.route), "warning"))
    for item, sources_read in zip(report.medicines, answer.checked_sources, strict=True):
        doc += medicine_blocks(item, sources_read)
    for family in report.families:
        doc += family_blocks(family)
    for query in report.unmatched:
        suggestions = report.suggestions.get(query) or []
        also = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        doc += [Heading(f"Not listed: {query}", 2), Paragraph(f"'{query}': {NOT_LISTED}.{also}", "warning")]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def classes_document(answer: ClassesDocument) -> Document:
    matches = answer.matches
    rows = [
        [
            Cell(m.class_name),
            Cell(m.severity, m.severity),
            Cell(", ".join(d.name for d in m.drugs[:3]) + (", ..." if len(m.drugs) > 3 else "")),
            Cell(short_spacing(m.spacing)),
        ]
        for m in matches
    ]
    legend = (
        "Spacing: the medicine at least this long before / after magnesium. More: magref interactions NAME"
    )
    return [
        Heading(f"Medicines that interact with magnesium ({len(matches)} classes)"),
        Table(["Class", "Severity", "For example", "Spacing"], rows, legend),
        Paragraph(UNLISTED_NOTE, "muted"),
    ]


# -- plan ---------------------------------------------------------------------------------------


def worded_plan(answer: PlanAnswer) -> PlanDocument:
    """The answer's document with each note in words: what ``plan --json`` prints."""
    document = answer.document
    notes = [
        msgspec.structs.replace(row, message=plan_note(note))
        for row, note in zip(document.notes, answer.plan.notes, strict=True)
    ]
    return msgspec.structs.replace(document, notes=notes)


def timeline(answer: PlanAnswer) -> list[Line]:
    """A 24-hour ruler, and a line with doses (D), windows for magnesium (=) and blocked time (.)."""
    spans: list[tuple[str, str]] = [("Mg  ", "")]
    for hour in range(HOURS):
        if hour in answer.dose_hours:
            spans.append(("D", "dose"))
        elif hour in answer.open_hours:
            spans.append(("=", "window"))
        else:
            spans.append((".", "blocked"))
    ruler = "    " + "".join(f"{hour:02d} " for hour in range(0, HOURS, 3))
    return [Line([(ruler.rstrip(), "muted")]), Line(spans)]


def _dose_name(dose: DoseRow) -> str:
    return matched_name(dose.matched) if dose.matched is not None else dose.drug


def _dose_time(dose: DoseRow) -> str:
    return f"{dose.time} (assumed)" if dose.assumed else dose.time


def plan_document(answer: PlanAnswer) -> Document:
    plan = answer.document
    doses = (
        ", ".join(f"{_dose_name(d)} at {_dose_time(d)}" for d in plan.doses)
        or "none with a gap magref knows of"
    )
    doc: Document = [Heading("When to take magnesium"), Fields([("Medicines", Cell(doses))])]
    readings = read_as_rows(answer)
    if readings:
        doc.append(Fields(readings))
    if any(d.assumed for d in plan.doses):
        doc.append(Paragraph(capital(ASSUMED_TIMES), "muted"))
    return [*doc, *plan_body(answer), *_gaps(plan), Paragraph(DISCLAIMER, "muted")]


def read_as_rows(answer: PlanAnswer) -> list[tuple[str, Cell]]:
    """Each medicine read from words, and how it was read: one "read as" line each."""
    worked = answer.plan
    seen: dict[int, tuple[Regimen, list[tuple[int, bool]]]] = {}
    requests: list[Dose | DoseRequest] = [*worked.doses, *worked.unmatched]
    for request in requests:
        if request.regimen is not None:
            entry = seen.setdefault(id(request.regimen), (request.regimen, []))
            if (request.minute, request.assumed) not in entry[1]:
                entry[1].append((request.minute, request.assumed))
    return [("Read as", Cell(read_as(regimen, minutes))) for regimen, minutes in seen.values()]


def _gaps(plan: PlanDocument) -> Document:
    """Each medicine's gap, how it interacts, and which magnesium products that concerns."""
    rows = []
    for dose in dict((d.drug, d) for d in plan.doses).values():
        how = f" How: {MECHANISM_WORDS[dose.mechanism_kind]}." if dose.mechanism_kind else ""
        concerns = f" Applies to {SHORT_CONCERNS[dose.concerns]}." if dose.concerns else ""
        rows.append((_dose_name(dose), Cell(f"{spacing_rule(dose.spacing)}{how}{concerns}")))
    return [Heading("The gaps", 2), Fields(rows)] if rows else []


def plan_body(answer: PlanAnswer) -> Document:
    """The timeline, the windows and the notes of a plan."""
    windows = answer.document.windows
    doc: Document = [*timeline(answer)]
    doc.append(
        Paragraph("D: a medicine dose; =: magnesium keeps every gap for the whole hour; .: not", "muted")
    )
    if answer.any_time:
        doc.append(Paragraph("Any time of day keeps the gaps magref knows of.", "ok"))
    elif windows:
        items = [
            Cell(
                f"{w.start} to {w.end}"
                + (" (past midnight)" if w.start > w.end else "")
                + f": suggested {w.suggested}",
                "window",
            )
            for w in windows
        ]
        doc += [Heading("Windows for magnesium", 2), Bullets(items)]
    else:
        doc.append(
            Paragraph("No time of day keeps every gap: ask a pharmacist how to fit them together.", "warning")
        )
    if answer.plan.notes:
        doc += [Heading("Notes", 2), Bullets([Cell(plan_note(n)) for n in answer.plan.notes])]
    return doc


def window_text(start: int, end: int) -> str:
    """A window of the day: "10:00 to 14:00", "22:00 to 02:00 (past midnight)"."""
    return f"{hhmm(start)} to {hhmm(end)}" + (" (past midnight)" if start > end else "")


def _gap(dose: Dose, side: Literal["before", "after"]) -> str:
    spacing = dose.spacing
    hours = None if spacing is None else spacing.hours_before if side == "after" else spacing.hours_after
    gap = f"{hours:g} h " if hours is not None else ""
    return f"{gap}{side} {dose.drug} at {hhmm(dose.minute)}"


def suggestion_reason(suggestion: Suggestion) -> str:
    """Why this time: the middle of its window, and the gaps that open and close that window."""
    start, end = suggestion.window
    window = window_text(start, end)
    text = {
        "middle": f"The middle of the window {window}",
        "middle-awake": f"The middle of the waking hours ({hhmm(AWAKE[0])} to {hhmm(AWAKE[1])}) "
        f"in the window {window}",
        "nearest-awake": f"Near the end of the window {window} closest to waking hours",
    }[suggestion.choice]
    bounds = [
        *(f"opens {_gap(d, 'after')}" for d in suggestion.opened_by),
        *(f"closes {_gap(d, 'before')}" for d in suggestion.closed_by),
    ]
    if bounds:
        text += ", which " + " and ".join(bounds)
    return text + "."
