"""Views of interactions and timing plans: a document and a JSON payload each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from magref.interactions import Checked, FamilyMembers, Match, Report, Status
from magref.model import Drug, InteractionClass, Source, Spacing
from magref.plan import AWAKE, DAY, Dose, DoseRequest, Note, Plan, Suggestion, clock
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
    capital,
    dose_name,
    dose_time,
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
#: Minutes per character of the timeline.
SLOT = 60

if TYPE_CHECKING:
    from magref.render import contract


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


def spacing_json(spacing: Spacing | None) -> Spacing | None:
    return spacing


def mechanism_text(match: Match) -> str:
    """Each way the matched drugs interact, as one or more sentences."""
    return " ".join(capital(MECHANISM_WORDS[kind]) for kind in match.mechanism_kinds)


def drug_list(group: InteractionClass) -> str:
    """Each drug with its brands: ``furosemide (Lasix), bumetanide (Bumex)``."""
    return ", ".join(drug_label(d) for d in group.drugs)


def drug_label(drug: Drug) -> str:
    """``dolutegravir (Tivicay; in Triumeq, Dovato)``: the drug with its brands and combinations."""
    parts = [", ".join(drug.brands), "in " + ", ".join(drug.combinations) if drug.combinations else ""]
    shown = "; ".join(p for p in parts if p)
    return f"{drug.name} ({shown})" if shown else drug.name


def matched_names(match: Match) -> str:
    return ", ".join(matched_name(name) for name in match.matched)


def note_json(note: Note) -> contract.PlanNote:
    return {
        "code": note.code,
        "drug": note.drug,
        "classes": note.classes,
        "medicines": note.medicines,
        "route": note.route,
        "spacing": spacing_json(note.spacing),
        "reason": note.reason,
        "every_days": note.every_days,
        "weekdays": note.weekdays,
        "message": plan_note(note),
    }


def match_json(match: Match) -> contract.MatchDocument:
    group = match.group
    return {
        "class_id": group.id,
        "class_name": group.name,
        "severity": group.severity,
        "matched": match.matched,
        "effect": group.effect,
        "mechanism": group.mechanism,
        "mechanism_kinds": match.mechanism_kinds,
        "concerns": match.concerns,
        "management": group.management,
        "spacing": spacing_json(match.spacing),
        "drugs": match.drugs or group.drugs,
        "sources": group.sources,
    }


def report_json(report: Report) -> contract.InteractionsDocument:
    return {
        "queries": report.queries,
        "matches": [match_json(m) for m in report.matches],
        "unmatched": report.unmatched,
        "suggestions": report.suggestions,
        "unmatched_note": NOT_LISTED if report.unmatched else None,
        "forms": [{"id": form.id, "name": form.name} for form in report.forms],
        "relevance": report.relevance,
        "route": report.route,
        "route_note": route_note(report.route) if report.route and report.matches else None,
        "statuses": [
            {
                "query": row.typed,
                "name": row.name,
                "status": row.status,
                "class_ids": row.class_ids,
                "message": status_message(row.status, _sources_of(report, row.name), _classes(report, row)),
            }
            for row in report.statuses
        ],
        "medicines": [medicine_json(item) for item in report.medicines],
        "families": [family_json(item) for item in report.families],
    }


def _sources_of(report: Report, name: str | None) -> list[Source]:
    return next((item.sources for item in report.medicines if item.medicine.name == name), [])


def _classes(report: Report, row: Status) -> list[str]:
    return [m.group.name for m in report.matches if m.group.id in row.class_ids]


def medicine_json(item: Checked) -> contract.CheckedMedicine:
    medicine = item.medicine
    return {
        "name": medicine.name,
        "brands": medicine.brands,
        "matched": item.name,
        "family": medicine.family,
        "family_name": item.family_name,
        "status": medicine.status,
        "checked": medicine.checked,
        "note": medicine.note,
        "sources": medicine.sources,
        "message": status_message(medicine.status, item.sources),
    }


def family_json(item: FamilyMembers) -> contract.FamilyDocument:
    return {
        "id": item.family.id,
        "name": item.family.name,
        "matched": item.typed,
        "members": [
            {
                "name": m.name,
                "status": m.status,
                "class_id": m.class_id,
                "class_name": m.class_name,
                "severity": m.severity,
            }
            for m in item.members
        ],
        "note": FAMILY_NOTE,
    }


#: How a status heads a medicine's section.
STATUS_HEADINGS = {"checked-none": "checked, no interaction found", "not-checked": "not checked"}


def medicine_blocks(item: Checked) -> Document:
    """A medicine in no class: its family, status in words, date checked, note and sources."""
    medicine = item.medicine
    fields: list[tuple[str, Cell]] = [
        ("Matched", Cell(matched_name(item.name))),
        ("Family", Cell(item.family_name)),
        ("Status", Cell(capital(status_message(medicine.status, item.sources)), "warning")),
    ]
    if medicine.checked:
        fields.append(("Checked on", Cell(medicine.checked)))
    if medicine.note:
        fields.append(("About", Cell(medicine.note)))
    if medicine.sources:
        fields.append(("Sources", Cell(cite(medicine.sources))))
    return [Heading(f"{medicine.name}: {STATUS_HEADINGS[medicine.status]}", 2), Fields(fields)]


def family_blocks(item: FamilyMembers) -> Document:
    """A family named by a class word: its members the dataset holds, by status."""
    interacting = [
        f"{m.name} ({m.class_name}: {m.severity})" for m in item.members if m.status == "interaction"
    ]
    checked = [m.name for m in item.members if m.status == "checked-none"]
    unchecked = [m.name for m in item.members if m.status == "not-checked"]
    fields: list[tuple[str, Cell]] = [("Matched", Cell(item.typed))]
    fields.append(("Interact", Cell(", ".join(interacting) or "none listed")))
    fields.append(("Checked, none found", Cell(", ".join(checked) or "none listed")))
    if unchecked:
        fields.append(("Not checked", Cell(", ".join(unchecked))))
    return [
        Heading(f"{item.family.name}: what magref holds", 2),
        Fields(fields),
        Paragraph(FAMILY_NOTE, "muted"),
    ]


def report_document(report: Report) -> Document:
    doc: Document = [Heading("Interactions: " + " ".join(report.queries))]
    if report.forms:
        named = ", ".join(form.name for form in report.forms)
        doc.append(
            Paragraph(
                f"Magnesium named: {named}. Each interaction below says which magnesium products it "
                "applies to (Applies to)."
            )
        )
    for match in report.matches:
        group = match.group
        spacing = match.spacing
        sources = list(dict.fromkeys([*group.sources, *(spacing.sources if spacing else [])]))
        doc += [
            Heading(f"{group.name}: {group.severity}", 2),
            Fields(
                [
                    ("Matched", Cell(matched_names(match))),
                    ("In this class", Cell(drug_list(group))),
                    ("Severity", Cell(group.severity, group.severity)),
                    ("What happens", Cell(group.effect)),
                    ("Why", Cell(group.mechanism)),
                    ("How", Cell(mechanism_text(match))),
                    ("Applies to", Cell(capital(CONCERNS_WORDS[match.concerns]))),
                    *(
                        (
                            f"For {form.name}",
                            Cell(relevance(report.relevance[group.id][form.id], match.concerns)),
                        )
                        for form in report.forms
                        if group.id in report.relevance
                    ),
                    ("What to do", Cell(group.management)),
                    ("Spacing", Cell(spacing_text(spacing), "warning")),
                    *(
                        (f"About {d.name}", Cell(f"{d.note} {cite(d.sources)}"))
                        for d in match.drugs
                        if d.note
                    ),
                    ("Sources", Cell(cite(sources))),
                ]
            ),
        ]
    if report.route and report.matches:
        doc.append(Paragraph(route_note(report.route), "warning"))
    for item in report.medicines:
        doc += medicine_blocks(item)
    for family in report.families:
        doc += family_blocks(family)
    for query in report.unmatched:
        suggestions = report.suggestions.get(query) or []
        also = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        doc += [Heading(f"Not listed: {query}", 2), Paragraph(f"'{query}': {NOT_LISTED}.{also}", "warning")]
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def classes_json(matches: Sequence[Match]) -> contract.ClassesDocument:
    return {"queries": [], "matches": [match_json(m) for m in matches], "unmatched": []}


def classes_document(matches: Sequence[Match]) -> Document:
    rows = [
        [
            Cell(m.group.name),
            Cell(m.group.severity, m.group.severity),
            Cell(", ".join(d.name for d in m.group.drugs[:3]) + (", ..." if len(m.group.drugs) > 3 else "")),
            Cell(short_spacing(m.group.spacing)),
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


def plan_json(plan: Plan) -> contract.PlanDocument:
    return {
        "doses": [
            {
                "drug": d.drug,
                "matched": d.name,
                "time": clock(d.minute),
                "assumed": d.assumed,
                "regimen": d.regimen,
                "class_id": d.class_id,
                "class_name": d.class_name,
                "spacing": spacing_json(d.spacing),
                "mechanism_kind": d.mechanism_kind,
                "concerns": d.concerns,
            }
            for d in plan.doses
        ],
        "windows": [
            {"start": clock(start), "end": clock(end), "suggested": _suggested(plan, (start, end))}
            for start, end in plan.windows
        ],
        "notes": [note_json(note) for note in plan.notes],
        "unmatched": [
            {"drug": r.drug, "time": clock(r.minute), "assumed": r.assumed, "regimen": r.regimen}
            for r in plan.unmatched
        ],
    }


def timeline(plan: Plan) -> list[Line]:
    """A 24-hour ruler, and a line with doses (D), windows for magnesium (=) and blocked time (.)."""
    dose_slots = {d.minute // SLOT for d in plan.doses}
    spans: list[tuple[str, str]] = [("Mg  ", "")]
    shut = _shut_minutes(plan)
    for slot in range(DAY // SLOT):
        if slot in dose_slots:
            spans.append(("D", "dose"))
        elif shut.find(1, slot * SLOT, (slot + 1) * SLOT) < 0:  # every minute of the slot is open
            spans.append(("=", "window"))
        else:
            spans.append((".", "blocked"))
    ruler = "    " + "".join(f"{hour:02d} " for hour in range(0, 24, 3))
    return [Line([(ruler.rstrip(), "muted")]), Line(spans)]


def _shut_minutes(plan: Plan) -> bytearray:
    """1 for each minute of the day outside every window of the plan, 0 for one inside a window
    (what ``plan.is_open`` says, found once for the whole day rather than minute by minute)."""
    shut = bytearray(b"\x01") * DAY
    for start, end in plan.windows:
        for low, high in ((start, end),) if start <= end else ((start, DAY - 1), (0, end)):
            low, high = max(low, 0), min(high, DAY - 1)
            if low <= high:
                shut[low : high + 1] = bytes(high - low + 1)
    return shut


def plan_document(plan: Plan) -> Document:
    doses = (
        ", ".join(f"{dose_name(d)} at {dose_time(d)}" for d in plan.doses)
        or "none with a gap magref knows of"
    )
    doc: Document = [Heading("When to take magnesium"), Fields([("Medicines", Cell(doses))])]
    readings = read_as_rows(plan)
    if readings:
        doc.append(Fields(readings))
    if any(d.assumed for d in plan.doses):
        doc.append(Paragraph(capital(ASSUMED_TIMES), "muted"))
    return [*doc, *plan_body(plan), *_gaps(plan), Paragraph(DISCLAIMER, "muted")]


def read_as_rows(plan: Plan) -> list[tuple[str, Cell]]:
    """Each medicine read from words, and how it was read: one "read as" line each."""
    seen: dict[int, tuple[Regimen, list[tuple[int, bool]]]] = {}
    requests: list[Dose | DoseRequest] = [*plan.doses, *plan.unmatched]
    for request in requests:
        if request.regimen is not None:
            entry = seen.setdefault(id(request.regimen), (request.regimen, []))
            if (request.minute, request.assumed) not in entry[1]:
                entry[1].append((request.minute, request.assumed))
    return [("Read as", Cell(read_as(regimen, minutes))) for regimen, minutes in seen.values()]


def _gaps(plan: Plan) -> Document:
    """Each medicine's gap, how it interacts, and which magnesium products that concerns."""
    rows = []
    for dose in dict((d.drug, d) for d in plan.doses).values():
        how = f" How: {MECHANISM_WORDS[dose.mechanism_kind]}." if dose.mechanism_kind else ""
        concerns = f" Applies to {SHORT_CONCERNS[dose.concerns]}." if dose.concerns else ""
        rows.append((dose_name(dose), Cell(f"{spacing_rule(dose.spacing)}{how}{concerns}")))
    return [Heading("The gaps", 2), Fields(rows)] if rows else []


def _suggested(plan: Plan, window: tuple[int, int]) -> str | None:
    """The suggested time in ``window``, as HH:MM."""
    return next((clock(s.minute) for s in plan.suggestions if s.window == window), None)


def plan_body(plan: Plan) -> Document:
    """The timeline, the windows and the notes of a plan."""
    doc: Document = [*timeline(plan)]
    doc.append(
        Paragraph("D: a medicine dose; =: magnesium keeps every gap for the whole hour; .: not", "muted")
    )
    if plan.windows == [(0, DAY - 1)]:
        doc.append(Paragraph("Any time of day keeps the gaps magref knows of.", "ok"))
    elif plan.windows:
        items = [
            Cell(
                f"{clock(start)} to {clock(end)}"
                + (" (past midnight)" if start > end else "")
                + f": suggested {_suggested(plan, (start, end))}",
                "window",
            )
            for start, end in plan.windows
        ]
        doc += [Heading("Windows for magnesium", 2), Bullets(items)]
    else:
        doc.append(
            Paragraph("No time of day keeps every gap: ask a pharmacist how to fit them together.", "warning")
        )
    if plan.notes:
        doc += [Heading("Notes", 2), Bullets([Cell(plan_note(n)) for n in plan.notes])]
    return doc


def window_text(start: int, end: int) -> str:
    """A window of the day: "10:00 to 14:00", "22:00 to 02:00 (past midnight)"."""
    return f"{clock(start)} to {clock(end)}" + (" (past midnight)" if start > end else "")


def _gap(dose: Dose, side: Literal["before", "after"]) -> str:
    spacing = dose.spacing
    hours = None if spacing is None else spacing.hours_before if side == "after" else spacing.hours_after
    gap = f"{hours:g} h " if hours is not None else ""
    return f"{gap}{side} {dose.drug} at {clock(dose.minute)}"


def suggestion_reason(suggestion: Suggestion) -> str:
    """Why this time: the middle of its window, and the gaps that open and close that window."""
    start, end = suggestion.window
    window = window_text(start, end)
    text = {
        "middle": f"The middle of the window {window}",
        "middle-awake": f"The middle of the waking hours ({clock(AWAKE[0])} to {clock(AWAKE[1])}) "
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
