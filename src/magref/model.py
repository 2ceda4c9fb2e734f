"""The typed shape of the magref dataset: the one place that says what the data looks like."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

#: A lowercase, hyphenated identifier such as ``glycinate`` or ``loop-diuretics``.
Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
#: Any non-empty text.
Text = Annotated[str, msgspec.Meta(min_length=1)]
#: Ids of entries in the dataset's source list; at least one.
SourceIds = Annotated[list[Id], msgspec.Meta(min_length=1)]
#: An age in years (decimals for infants: 0.5 is six months).
Age = Annotated[float, msgspec.Meta(ge=0, le=150)]
Milligrams = Annotated[int, msgspec.Meta(ge=0)]
Hours = Annotated[float, msgspec.Meta(ge=0, le=24)]

Grade = Literal["strong", "moderate", "limited", "insufficient", "against"]
Severity = Literal["major", "moderate", "minor"]
AbsorptionRating = Literal["higher", "moderate", "lower", "uncertain"]
ToleranceRating = Literal["gentle", "moderate", "harsh"]
LaxativeEffect = Literal["strong", "mild", "minimal"]
FlagLevel = Literal["stop", "ask", "note"]

#: Grades from the strongest evidence for a use to evidence against it.
GRADES: tuple[Grade, ...] = ("strong", "moderate", "limited", "insufficient", "against")
SEVERITIES: tuple[Severity, ...] = ("major", "moderate", "minor")


class Entry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of every dataset record: immutable, and unknown fields are an error."""


class Source(Entry, kw_only=True, frozen=True):
    """A work the dataset cites."""

    id: Id
    title: Text
    authors: str | None = None
    organisation: str | None = None
    publication: str | None = None
    year: Annotated[int, msgspec.Meta(ge=1800, le=2100)] | None = None
    url: str | None = None
    note: str | None = None


class Claim(Entry, kw_only=True, frozen=True):
    """One statement and the sources that support it."""

    text: Text
    sources: SourceIds


class Absorption(Entry, kw_only=True, frozen=True):
    """How well a form is absorbed, relative to the other forms, and why we say so."""

    rating: AbsorptionRating
    text: Text
    sources: SourceIds


class GiTolerance(Entry, kw_only=True, frozen=True):
    """How a form sits with the stomach and bowel."""

    rating: ToleranceRating
    laxative: LaxativeEffect
    text: Text
    sources: SourceIds


class Form(Entry, kw_only=True, frozen=True):
    """A magnesium compound sold as a supplement or medicine."""

    id: Id
    name: Text
    aliases: list[Text] = []
    formula: Text
    formula_note: Text
    molar_mass: Annotated[float, msgspec.Meta(gt=0)]
    elemental_percent: Annotated[float, msgspec.Meta(gt=0, le=100)]
    absorption: Absorption
    gi_tolerance: GiTolerance
    uses: list[Claim]
    cautions: list[Claim] = []
    evidence: list[Id] = []
    sources: SourceIds


class IntakeBand(Entry, kw_only=True, frozen=True):
    """Recommended intake (RDA, or AI for infants) in mg of elemental magnesium a day, from all sources."""

    min_age: Age
    max_age: Age | None
    kind: Literal["RDA", "AI"]
    male: Milligrams
    female: Milligrams
    pregnancy: Milligrams | None = None
    lactation: Milligrams | None = None
    sources: SourceIds


class UpperLimitBand(Entry, kw_only=True, frozen=True):
    """Tolerable upper intake level for supplemental magnesium, mg elemental a day; None if not set."""

    min_age: Age
    max_age: Age | None
    supplemental_mg: Milligrams | None
    sources: SourceIds


class Dosing(Entry, kw_only=True, frozen=True):
    """Intake targets and upper limits by age band; ages are [min_age, max_age) in years."""

    intake: list[IntakeBand]
    upper_limit: list[UpperLimitBand]
    notes: list[Claim] = []


class Spacing(Entry, kw_only=True, frozen=True):
    """How far apart to take a drug and magnesium.

    ``hours_before``: take the drug at least this many hours before magnesium;
    ``hours_after``: or at least this many hours after it. ``None`` on a side means
    no gap in that order is known to be enough.
    """

    hours_before: Hours | None
    hours_after: Hours | None
    note: str | None = None
    sources: SourceIds


class Drug(Entry, kw_only=True, frozen=True):
    """A medicine in an interaction class, by generic name, with its brands and other names.

    ``aliases`` are other generic names (``rifampin`` for ``rifampicin``); a ``note`` needs
    ``sources``.
    """

    name: Text
    aliases: list[Text] = []
    brands: list[Text] = []
    spacing: Spacing | None = None
    note: str | None = None
    sources: list[Id] = []


class InteractionClass(Entry, kw_only=True, frozen=True):
    """A group of medicines that interact with magnesium in the same way.

    ``spacing`` is ``None`` where taking the two at different times does not help.
    A drug's own ``spacing`` overrides the class's.
    """

    id: Id
    name: Text
    keywords: list[Text] = []
    drugs: Annotated[list[Drug], msgspec.Meta(min_length=1)]
    severity: Severity
    effect: Text
    mechanism: Text
    management: Text
    spacing: Spacing | None
    sources: SourceIds


class Caution(Entry, kw_only=True, frozen=True):
    """A condition or situation that calls for care with magnesium."""

    id: Id
    condition: Text
    aliases: list[Text] = []
    level: FlagLevel
    advice: Text
    sources: SourceIds


class ExcessSigns(Entry, kw_only=True, frozen=True):
    """The signs of too much magnesium."""

    summary: Text
    signs: list[Text]
    sources: SourceIds


class Finding(Entry, kw_only=True, frozen=True):
    """What the studies found for a use in one setting, with its own grade."""

    context: Text
    grade: Grade
    text: Text
    sources: SourceIds


class Use(Entry, kw_only=True, frozen=True):
    """Something magnesium is taken for, with the strength of the evidence."""

    id: Id
    name: Text
    aliases: list[Text] = []
    grade: Grade
    summary: Text
    findings: list[Finding] = []
    sources: SourceIds


class FaqItem(Entry, kw_only=True, frozen=True):
    """A question people ask, answered."""

    id: Id
    question: Text
    answer: Text
    keywords: list[Text] = []
    sources: SourceIds


class About(Entry, kw_only=True, frozen=True):
    """The dataset's own version, and the date its entries were last reviewed (YYYY-MM-DD)."""

    version: Text
    date: Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class Dataset(Entry, kw_only=True, frozen=True):
    """Everything magref knows. Each top-level field is a section of a YAML file."""

    about: About
    sources: list[Source]
    forms: list[Form]
    dosing: Dosing
    interactions: list[InteractionClass]
    cautions: list[Caution]
    excess: ExcessSigns
    uses: list[Use]
    faq: list[FaqItem]


#: Which YAML file in the bundled dataset holds each section.
SECTION_FILES: dict[str, str] = {
    "about": "about.yaml",
    "sources": "sources.yaml",
    "forms": "forms.yaml",
    "dosing": "dosing.yaml",
    "interactions": "interactions.yaml",
    "cautions": "cautions.yaml",
    "excess": "cautions.yaml",
    "uses": "uses.yaml",
    "faq": "faq.yaml",
}
