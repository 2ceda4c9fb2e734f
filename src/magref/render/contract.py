"""Every command's ``--json`` documents, a core struct or a TypedDict here: docs/json.md is made from it.

Names hold across commands: `id` is an entry's own id, `name` its name, `sources` a list of
source ids (full source records are `source_details`), `class_id` and `class_name` name an
interaction class, `form` a form id, `items` the entries of a listing. Milligrams are of
elemental magnesium unless the name says `compound_mg`.
"""

from __future__ import annotations

from typing import Any, TypedDict

from magref.answers import shapes
from magref.cautions import CautionsDocument
from magref.check import CheckIntake, FlagDocument, RelevanceDocument, SlotDocument, Unknown
from magref.doses import DoseStatus, ProductAtAgeDocument, ProductsDocument
from magref.doses import ProductDocument as ProductDocument  # the tests read it here
from magref.dosing import (
    DoseDocument,
    Person,
    RegionsCompared,
    RegionsDocument,
    TargetDocument,
    UpperLimitDocument,
)
from magref.foods import FoodDocument as FoodDocument  # the tests read it here
from magref.foods import FoodsDocument
from magref.intake import ConvertDocument, FormConversion, StackDocument
from magref.interactions import MatchedName, Relevance
from magref.labels import LabelDocument
from magref.model import (
    Absorption,
    ActsAs,
    Caution,
    Claim,
    Concerns,
    DoseBasis,
    DoseRoute,
    Drug,
    FaqItem,
    GiTolerance,
    Grade,
    MechanismKind,
    MedicineStatus,
    Severity,
    Source,
    Spacing,
    Use,
)
from magref.plan import NoteCode
from magref.regimen import Regimen
from magref.serum import LabDocument
from magref.status import StatusDocument

# -- forms -----------------------------------------------------------------------------------------


class Example(TypedDict):
    """How much elemental magnesium a fixed amount of the compound gives."""

    compound_mg: float
    elemental_mg: float


class GradedUse(TypedDict):
    """A use the form is taken for, with its evidence grade (see ``magref evidence ID``)."""

    id: str
    name: str
    grade: str


class FormDocument(TypedDict):
    """``info``: one form as the dataset holds it, with a worked example, its evidence and sources."""

    id: str
    name: str
    aliases: list[str]
    formula: str
    formula_note: str
    molar_mass: float
    elemental_percent: float
    absorption: Absorption
    gi_tolerance: GiTolerance
    uses: list[Claim]
    acts_as: list[ActsAs]
    cautions: list[Claim]
    evidence: list[GradedUse]
    sources: list[str]
    example: Example
    source_details: list[Source]


class CompareDocument(TypedDict):
    """``compare``: the forms side by side; ``best`` names, for each attribute, the forms best at it."""

    forms: list[FormDocument]
    best: dict[str, list[str]]


class FormRow(TypedDict):
    id: str
    name: str
    elemental_percent: float
    absorption: str
    gi_tolerance: str
    laxative: str


class FormsDocument(TypedDict):
    """``list``: every form, in the order asked for."""

    items: list[FormRow]


# -- search, questions, evidence, sources, validation ---------------------------------------------------


class SearchHit(TypedDict):
    """One hit: the kind of entry, its id, title, score (higher is better) and the command that shows it."""

    kind: str
    id: str
    title: str
    score: float
    named: bool
    command: str


class LabRead(TypedDict):
    """A blood result in a question: read in its unit, or in each unit when it has none."""

    text: str
    unit: str | None
    readings: list[LabDocument]


class SearchDocument(TypedDict):
    """``search``: the best hits for a question; ``total`` counts every hit, shown or not.

    ``intents`` is what the question was read as asking (``how-much``, ``too-much``, ``when``,
    ...), the first one ranking the hits; ``not_found`` its words no entry holds; ``targets``
    the daily figures of a person it names (as ``dose``); ``labs`` the blood results it gives
    (as ``lab``).
    """

    query: str
    total: int
    intents: list[str]
    not_found: list[str]
    hits: list[SearchHit]
    targets: list[TargetDocument]
    labs: list[LabRead]


class FaqDocument(TypedDict):
    """``faq``: questions and answers."""

    items: list[FaqItem]


class EvidenceDocument(TypedDict):
    """``evidence``: uses with their grades, who was studied, and each finding."""

    items: list[Use]


class StudiedDoseDocument(TypedDict):
    """One daily dose studied for a use (``finding`` is the setting), held against the upper limit.

    ``low_mg`` to ``high_mg`` as the paper gives them, on ``basis``; ``elemental_low_mg`` and
    ``elemental_high_mg`` the same as elemental magnesium (``elemental_derived``: worked out from the
    compound's weight), or null where the basis is not stated or the form not known. ``status`` is
    against the upper limit: ``over``, ``at-or-under``, ``no-limit``, ``not-by-mouth``,
    ``basis-not-stated`` (then ``over_if_elemental`` says whether it would be over if elemental, and
    ``compound_reading_high_mg`` its top as elemental mg if it were the compound's weight) or
    ``form-not-known``.
    """

    finding: str
    grade: Grade
    low_mg: float
    high_mg: float
    basis: DoseBasis
    form: str | None
    route: DoseRoute
    duration: str
    who: str
    sources: list[str]
    elemental_low_mg: float | None
    elemental_high_mg: float | None
    elemental_derived: bool
    status: DoseStatus
    over_if_elemental: bool
    compound_reading_high_mg: float | None
    message: str


class UseDosesDocument(TypedDict):
    """The doses studied for one use, against the upper limit at ``age_years`` in ``region``.

    ``needs_clinician`` is true when a studied dose passes the limit: such doses are for a doctor
    to advise, and ``message`` says so.
    """

    id: str
    name: str
    grade: Grade
    age_years: float
    region: str
    upper_limit: UpperLimitDocument
    needs_clinician: bool
    doses: list[StudiedDoseDocument]
    message: str


class UseEvidenceDocument(TypedDict):
    """``evidence USE``: the use as ``evidence`` lists it, and its studied doses against the adult limit."""

    items: list[Use]
    doses: UseDosesDocument


class SourcesDocument(TypedDict):
    """``sources``: source records."""

    items: list[Source]


class ProblemRow(TypedDict):
    file: str
    line: int
    column: int
    path: str
    message: str


class ValidationDocument(TypedDict):
    """``validate``: whether the dataset is valid, and each problem with its place."""

    path: str
    valid: bool
    problem_count: int
    problems: list[ProblemRow]


# -- interactions and plans ---------------------------------------------------------------------------


class MatchDocument(TypedDict):
    """A class of medicines that the query fell into, with the spacing to keep."""

    class_id: str
    class_name: str
    severity: Severity
    matched: list[MatchedName]
    effect: str
    mechanism: str
    mechanism_kinds: list[MechanismKind]
    concerns: Concerns
    management: str
    spacing: Spacing | None
    drugs: list[Drug]
    sources: list[str]


class FormNamed(TypedDict):
    id: str
    name: str


class StatusRow(TypedDict):
    """What the dataset knows of one medicine named: ``interaction`` (it is in the classes
    ``class_ids``), ``checked-none`` (checked: the sources read name no interaction with magnesium,
    which does not prove none exists) or ``not-checked`` (``name`` is null for words the dataset
    does not hold). ``message`` says so in words."""

    query: str
    name: str | None
    status: MedicineStatus
    class_ids: list[str]
    message: str


class CheckedMedicine(TypedDict):
    """A medicine named that is in no interaction class: its family, its status, the date it was
    checked and the sources read (for ``checked-none``), and ``message``, the status in words."""

    name: str
    brands: list[str]
    matched: MatchedName
    family: str
    family_name: str
    status: MedicineStatus
    checked: str | None
    note: str | None
    sources: list[str]
    message: str


class FamilyMemberRow(TypedDict):
    """One member of a family as the dataset holds it; ``class_id`` for one in an interaction class."""

    name: str
    status: MedicineStatus
    class_id: str | None
    class_name: str | None
    severity: str | None


class FamilyDocument(TypedDict):
    """A family named by the words people use ("blood thinner"): every member the dataset holds,
    those in interaction classes first, then by status. ``note``: members not listed are not checked."""

    id: str
    name: str
    matched: str
    members: list[FamilyMemberRow]
    note: str


class InteractionsDocument(TypedDict):
    """``interactions``: each class the words fell into, most severe first, and the words that named nothing.

    ``relevance`` says, for each class id and each magnesium form named in the query, whether the
    class concerns that form. ``unmatched_note`` is set when some words named nothing.
    ``route`` holds words saying a medicine is not taken by mouth ("eye drops"), with ``route_note``.
    ``statuses`` has each medicine named, once, with its status; ``medicines`` the medicines named
    that are in no class; ``families`` the families named by class words.
    """

    queries: list[str]
    matches: list[MatchDocument]
    unmatched: list[str]
    suggestions: dict[str, list[str]]
    unmatched_note: str | None
    forms: list[FormNamed]
    relevance: dict[str, dict[str, Relevance]]
    route: list[str]
    route_note: str | None
    statuses: list[StatusRow]
    medicines: list[CheckedMedicine]
    families: list[FamilyDocument]


class ClassesDocument(TypedDict):
    """``interactions`` with no words: every class."""

    queries: list[str]
    matches: list[MatchDocument]
    unmatched: list[str]


class DoseRow(TypedDict):
    """A medicine dose in a plan: the drug, how the name reached it, its time and its spacing."""

    drug: str
    matched: MatchedName | None
    time: str
    #: Whether the time was assumed from how often the medicine is taken, rather than given.
    assumed: bool
    #: How the medicine's words were read: strength, dose, how often, days, and each part's role.
    regimen: Regimen | None
    class_id: str
    class_name: str
    spacing: Spacing | None
    mechanism_kind: MechanismKind | None
    concerns: Concerns | None


class Window(TypedDict):
    """A time range (HH:MM, both included) in which magnesium keeps every gap; it may pass midnight.

    ``suggested`` is a time in it for magnesium, in waking hours (07:00 to 22:00) when the window
    allows; null when any time of day will do.
    """

    start: str
    end: str
    suggested: str | None


class PlanNote(TypedDict):
    """Something the plan could not apply as asked, as a code and in words."""

    code: NoteCode
    drug: str
    classes: list[str]
    medicines: list[str]
    route: list[str]
    spacing: Spacing | None
    #: For ``not-timed``: ``as-needed`` or ``no-time``; empty for other codes.
    reason: str
    #: For ``not-daily``: how many days apart it is taken (7: weekly) and on which days (0: Monday).
    every_days: int
    weekdays: list[int]
    message: str


class TimedName(TypedDict):
    drug: str
    time: str
    assumed: bool
    regimen: Regimen | None


class PlanDocument(TypedDict):
    """``plan``: the doses it knows, the windows for magnesium, notes, and doses it does not know."""

    doses: list[DoseRow]
    windows: list[Window]
    notes: list[PlanNote]
    unmatched: list[TimedName]


# -- doses, regions, conversions ------------------------------------------------------------------------


class CheckDocument(TypedDict):
    """``check``: one person's intake, interactions, timing, cautions, unknowns and flags; ``status``
    the blood result and kidney function given (null when neither was); ``slots`` each suggested
    time with the items to take then; ``untimed`` the medicines given without a time."""

    person: Person
    intake: CheckIntake
    interactions: list[MatchDocument]
    plan: PlanDocument | None
    cautions: list[Caution]
    unknown: list[Unknown]
    flags: list[FlagDocument]
    relevance: list[RelevanceDocument]
    uses: list[UseDosesDocument]
    status: StatusDocument | None
    slots: list[SlotDocument]
    untimed: list[str]


#: Every command's document (a command with several shapes has each).
COMMANDS: dict[str, tuple[type, ...]] = {
    "info": (FormDocument,),
    "compare": (CompareDocument,),
    "list": (FormsDocument,),
    "search": (SearchDocument,),
    "faq": (FaqDocument,),
    "evidence": (EvidenceDocument, UseEvidenceDocument),
    "sources": (SourcesDocument,),
    "validate": (ValidationDocument,),
    "interactions": (InteractionsDocument, ClassesDocument),
    "plan": (PlanDocument,),
    "dose": (DoseDocument, RegionsCompared),
    "convert": (ConvertDocument, FormConversion),
    "stack": (StackDocument,),
    "products": (ProductDocument, ProductAtAgeDocument, ProductsDocument),
    "label": (LabelDocument,),
    "lab": (LabDocument,),
    "cautions": (CautionsDocument,),
    "check": (CheckDocument,),
    "report": (CheckDocument,),
    "regions": (RegionsDocument,),
    "foods": (FoodsDocument,),
}

#: Documents whose keys are not all present every time (see each one's description).
PARTIAL = frozenset({"FoodDocument", "FoodsDocument"})
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema() -> dict[str, Any]:
    """Every command's documents as one JSON Schema: ``$defs`` holds each shape, ``x-commands`` maps
    each command to the shapes it prints. Objects allow no other keys, and every key is required
    (except in PARTIAL), so a renamed or added field fails validation."""
    import msgspec

    types = [shape for shapes in COMMANDS.values() for shape in shapes]
    _, components = msgspec.json.schema_components(types, ref_template="#/$defs/{name}")
    alphabetical = shapes()
    for name, component in components.items():
        if name in alphabetical and "properties" in component:
            component["properties"] = dict(sorted(component["properties"].items()))
        _close(component, partial=name in PARTIAL)
    commands = {
        command: [f"#/$defs/{shape.__name__}" for shape in shapes] for command, shapes in COMMANDS.items()
    }
    return {"$schema": SCHEMA_DIALECT, "$defs": components, "x-commands": commands}


def command_schema(full: dict[str, Any], command: str) -> dict[str, Any]:
    """The schema one command's output must match: any of its documents."""
    refs = [{"$ref": ref} for ref in full["x-commands"][command]]
    return {"$schema": SCHEMA_DIALECT, "$defs": full["$defs"], "anyOf": refs}


def _close(node: Any, partial: bool = False) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            if not partial:
                node["required"] = sorted(node["properties"])
            else:
                node["required"] = []
        for value in node.values():
            _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)


def markdown(full: dict[str, Any]) -> str:
    """docs/json.md: each command's documents, then every shape with its fields and their types."""
    lines = [
        "# JSON output",
        "",
        "Every command takes `--json` and prints exactly one JSON document on stdout. This page is",
        "made from `src/magref/render/contract.py` by `UPDATE_SNAPSHOTS=1 pytest tests/test_docs.py`;",
        "`tests/test_json_contract.py` checks every command's output against the same schema, in which",
        "no object has keys other than those listed. The schema itself: `magref.render.contract.schema()`.",
        "",
        (__doc__ or "").split("\n\n", 1)[1].strip(),
        "",
        "## Commands",
        "",
        "| Command | Document |",
        "| --- | --- |",
    ]
    for command, refs in full["x-commands"].items():
        shapes = ", ".join(_link(ref.rsplit("/", 1)[1]) for ref in refs)
        lines.append(f"| `magref {command} --json` | {shapes} |")
    lines += ["", "## Shapes", ""]
    for name, component in sorted(full["$defs"].items()):
        lines += [f"### {name}", ""]
        if component.get("description"):
            lines += [" ".join(component["description"].split()), ""]
        if "properties" in component:
            lines += ["| Field | Type |", "| --- | --- |"]
            required = set(component.get("required", []))
            for field, spec in component["properties"].items():
                optional = "" if field in required else " (optional)"
                lines.append(f"| `{field}` | {_type(spec)}{optional} |")
        elif "enum" in component:
            lines.append("One of: " + ", ".join(f"`{value}`" for value in component["enum"]))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _link(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return _link(spec["$ref"].rsplit("/", 1)[1])
    if "anyOf" in spec:
        return " or ".join(_type(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " or ".join(f"`{value!r}`".replace("'", '"') for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec and isinstance(spec["additionalProperties"], dict):
        return f"map of text to {_type(spec['additionalProperties'])}"
    if isinstance(kind, list):
        return " or ".join(kind)
    return {"string": "text", "integer": "integer", "number": "number", "boolean": "true or false"}.get(
        str(kind), str(kind or "any")
    )
