"""The typed shape of the magref dataset: the one place that says what the data looks like."""

from typing import Annotated, Any, Literal, NamedTuple

import msgspec

from magref.region import Region

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
#: Groups of people in plain words ("adults aged 18 to 65", "children"); at least one.
Populations = Annotated[list[Text], msgspec.Meta(min_length=1)]

Grade = Literal["strong", "moderate", "limited", "insufficient", "against"]
Severity = Literal["major", "moderate", "minor"]
AbsorptionRating = Literal["higher", "moderate", "lower", "uncertain"]
ToleranceRating = Literal["gentle", "moderate", "harsh"]
LaxativeEffect = Literal["strong", "mild", "minimal"]
FlagLevel = Literal["stop", "ask", "note"]
#: How a medicine and magnesium interact: ``binding`` (magnesium binds the drug in the gut),
#: ``stomach-ph`` (an antacid raises stomach pH, which changes how much of the drug dissolves and
#: is absorbed; for most, less), ``absorption``
#: (magnesium lowers the drug's absorption in a way not settled), ``kidney-handling`` (the drug
#: changes how the kidneys keep or lose magnesium), ``magnesium-absorption`` (the drug changes
#: how much magnesium the gut takes up, lower or higher), ``acid-base`` (the pair upsets the
#: blood's acid balance), ``additive-effect`` (the two push the same way: high blood magnesium
#: adds to the drug's effect, or both loosen stools), ``early-release`` (an antacid lets a coated
#: tablet open in the stomach instead of the bowel), ``urine-ph`` (a magnesium antacid makes the
#: urine less acid, which changes how the kidneys pass the drug out or how it works there).
MechanismKind = Literal[
    "binding",
    "stomach-ph",
    "absorption",
    "kidney-handling",
    "magnesium-absorption",
    "acid-base",
    "additive-effect",
    "early-release",
    "urine-ph",
]
#: Which magnesium products an interaction concerns: any magnesium product (supplements too),
#: magnesium antacids and laxatives only, or magnesium given into a vein only.
Concerns = Literal["any-magnesium", "antacids-laxatives", "intravenous"]
#: From the widest set of magnesium products to the narrowest.
CONCERNS: tuple[Concerns, ...] = ("any-magnesium", "antacids-laxatives", "intravenous")
#: What an upper level counts: which magnesium is added up against it.
UpperCounts = Literal[
    "supplements-and-medicines",
    "supplements",
    "food-supplements",
    "added-and-supplements",
    "non-food",
    "soluble-in-food-and-water",
]
FoodGroup = Literal[
    "seeds", "nuts", "vegetables", "legumes", "grains", "dairy", "fish", "meat", "fruit", "other"
]

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


#: What a form is also sold and used as, beyond a supplement (its ``uses`` say so, with sources).
ActsAs = Literal["antacid", "laxative"]


class Form(Entry, kw_only=True, frozen=True):
    """A magnesium compound sold as a supplement or medicine.

    ``acts_as`` is what it is also used as (an antacid, a laxative), as its ``uses`` state; an
    interaction that concerns only antacids and laxatives is weighed against it.
    """

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
    acts_as: list[ActsAs] = []
    cautions: list[Claim] = []
    evidence: list[Id] = []
    sources: SourceIds


class Dosing(Entry, kw_only=True, frozen=True):
    """Notes on intake and upper limits that hold whatever the region."""

    notes: list[Claim] = []


class Term(Entry, kw_only=True, frozen=True):
    """An authority's own name for a kind of figure (``AI``: Adequate Intake)."""

    abbr: Text
    name: Text


class IntakeBand(Entry, kw_only=True, frozen=True):
    """One age band of a region's intake table, mg of elemental magnesium a day from all sources.

    ``term`` is one of the region's ``terms``. A figure the authority does not set is ``None``
    and ``reason`` says why; ``pregnancy`` and ``lactation`` are ``None`` where no figure is given.
    """

    min_age: Age
    max_age: Age | None
    term: Text
    male: Milligrams | None
    female: Milligrams | None
    pregnancy: Milligrams | None = None
    lactation: Milligrams | None = None
    reason: Text | None = None
    note: Text | None = None
    sources: SourceIds


class UpperLimitBand(Entry, kw_only=True, frozen=True):
    """One age band of an upper level, mg of elemental magnesium a day; ``None`` with a reason if not set.

    ``mg_per_kg`` is for a level set per kilogram of body weight instead of as one figure.
    """

    min_age: Age
    max_age: Age | None
    mg: Milligrams | None
    mg_per_kg: Annotated[float, msgspec.Meta(gt=0)] | None = None
    reason: Text | None = None
    sources: SourceIds


class UpperLevel(Entry, kw_only=True, frozen=True):
    """A region's upper level: its name, who set it, which magnesium it counts, and its bands."""

    term: Text
    name: Text
    authority: Text
    counts: UpperCounts
    bands: list[UpperLimitBand]
    sources: SourceIds


class LabelReference(Entry, kw_only=True, frozen=True):
    """The figure a region's labels give percentages of (the US Daily Value, the EU NRV)."""

    abbr: Text
    name: Text
    mg: Milligrams
    sources: SourceIds


class ReferenceValues(Entry, kw_only=True, frozen=True):
    """One region's reference values for magnesium: intake by age, sex and life stage, and the upper level.

    ``sources`` are the region's own authorities' works: every figure in it cites only these.
    ``stage_reason`` says why there is no pregnancy or lactation figure, where there is none.
    """

    id: Region
    name: Text
    aliases: list[Text] = []
    keywords: list[Text] = []
    authority: Text
    publication: Text
    year: Annotated[int, msgspec.Meta(ge=1900, le=2100)]
    terms: Annotated[list[Term], msgspec.Meta(min_length=1)]
    intake: list[IntakeBand]
    upper: UpperLevel
    stage_reason: Text | None = None
    label_reference: LabelReference | None = None
    notes: list[Claim] = []
    sources: SourceIds


class PerHundredGrams(Entry, kw_only=True, frozen=True):
    """Magnesium in 100 g of a food, from one named record of a food table.

    ``serving_g``: the weight of the food's serving by this record (its own household measure,
    named in ``serving_weight``, or an ounce's definition), so the serving can be checked against
    the record; ``None`` where the record read gives no weight for that serving.
    """

    mg: Milligrams
    record: Text
    code: Text
    serving_g: Annotated[float, msgspec.Meta(gt=0)] | None = None
    serving_weight: Text | None = None
    sources: SourceIds


class Food(Entry, kw_only=True, frozen=True):
    """A food and the elemental magnesium in a serving of it (from all of it; food is never compound weight).

    ``mg_high`` is the top of a range (milk: 24 to 27 mg); ``per_100g`` is ``None`` where no
    matching food-table record is cited.
    """

    id: Id
    name: Text
    aliases: list[Text] = []
    group: FoodGroup
    serving: Text | None
    mg: Milligrams | None
    mg_high: Milligrams | None = None
    per_100g: PerHundredGrams | None
    note: Text | None = None
    sources: list[Id] = []


class Spacing(Entry, kw_only=True, frozen=True):
    """How far apart to take a drug and magnesium.

    ``hours_before``: take the drug at least this many hours before magnesium;
    ``hours_after``: or at least this many hours after it. ``None`` on a side means
    no gap in that order is known to be enough; 0 on both sides means the sources checked
    give no gap and no reason for one.
    """

    hours_before: Hours | None
    hours_after: Hours | None
    note: str | None = None
    sources: SourceIds


class Drug(Entry, kw_only=True, frozen=True):
    """A medicine in an interaction class, by generic name, with its brands and other names.

    ``aliases`` are other generic names (``rifampin`` for ``rifampicin``); ``combinations``
    are brands of products that hold this drug with others (a combination holding two listed
    drugs is named under each); a ``note`` needs ``sources``. ``mechanism_kind`` and
    ``concerns`` override the class's where this drug differs.
    """

    name: Text
    aliases: list[Text] = []
    brands: list[Text] = []
    combinations: list[Text] = []
    spacing: Spacing | None = None
    mechanism_kind: MechanismKind | None = None
    concerns: Concerns | None = None
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
    mechanism_kind: MechanismKind
    concerns: Concerns
    management: Text
    spacing: Spacing | None
    sources: SourceIds


#: What the dataset knows of a medicine and magnesium: it is in an interaction class
#: (``interaction``), it was checked and the sources read name no interaction with magnesium
#: (``checked-none``: not proof that none exists), or it has not been checked (``not-checked``).
MedicineStatus = Literal["interaction", "checked-none", "not-checked"]
#: The statuses a medicine outside the interaction classes can have.
CheckStatus = Literal["checked-none", "not-checked"]
#: A date written YYYY-MM-DD.
Date = Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class Medicine(Entry, kw_only=True, frozen=True):
    """A medicine that is in no interaction class, with what was checked of it and magnesium.

    ``family`` is the id of its family (statins, anticoagulants...). ``checked-none`` needs the
    ``sources`` that were read and name no interaction, and the date they were read (``checked``);
    a ``not-checked`` medicine is listed only so that its family is known.
    """

    id: Id
    name: Text
    aliases: list[Text] = []
    brands: list[Text] = []
    family: Id
    status: CheckStatus
    checked: Date | None = None
    note: Text | None = None
    sources: list[Id] = []


#: One medicine a brand's product holds: ``medicine:ID`` for a medicine in no interaction class,
#: or ``drug:GENERIC NAME`` for a drug in an interaction class.
Component = Annotated[str, msgspec.Meta(pattern=r"^(medicine|drug):\S.*$")]


class Brand(Entry, kw_only=True, frozen=True):
    """A brand held with the record that names it, apart from its medicines' own entries.

    Either a combination (``components``: two or more medicines the dataset holds, as Paxlovid
    holds nirmatrelvir and ritonavir), or the brand of one medicine checked with no interaction
    found, whose own ``sources`` are only what was read for that check (so a page read for the
    brand name is never reported as checked). A brand is answered as each of its components: an
    interaction any of them has is shown, and one not checked stays not checked. ``sources`` name
    the brand with its components; nothing about magnesium is read in them.
    """

    id: Id
    name: Text
    brands: Annotated[list[Text], msgspec.Meta(min_length=1)]
    components: Annotated[list[Component], msgspec.Meta(min_length=1)]
    note: Text | None = None
    sources: SourceIds


class Family(Entry, kw_only=True, frozen=True):
    """A family of medicines as people name it ("blood thinner", "statin"), across the dataset.

    ``drugs`` are the generic names of its members that sit in interaction classes; the medicines
    entries name their own family; ``includes`` are the ids of the families within it.
    """

    id: Id
    name: Text
    keywords: list[Text] = []
    drugs: list[Text] = []
    includes: list[Id] = []


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


#: Whether a milligram figure is elemental magnesium, the weight of its compound, or not said.
DoseBasis = Literal["elemental", "compound", "not-stated"]
DoseRoute = Literal["oral", "intravenous", "intramuscular", "topical", "inhaled"]


class StudiedDose(Entry, kw_only=True, frozen=True):
    """A daily dose the studies behind a finding gave, as the papers report it.

    ``low_mg`` to ``high_mg`` of magnesium a day (equal for a single dose), on ``basis``:
    elemental magnesium, the weight of ``form``'s compound, or not said by the paper. ``form``
    is the compound's form id or name when the paper gives it; ``duration`` how long it was
    given ("12 weeks"); ``who`` the people it was given to.
    """

    low_mg: Annotated[float, msgspec.Meta(gt=0)]
    high_mg: Annotated[float, msgspec.Meta(gt=0)]
    basis: DoseBasis
    form: Text | None = None
    route: DoseRoute = "oral"
    duration: Text
    who: Text
    sources: SourceIds


class Finding(Entry, kw_only=True, frozen=True):
    """What the studies found for a use in one setting, with its own grade.

    ``studied``: the people the studies enrolled; ``not_studied``: groups they left out or
    did not report on, so the finding says nothing about them.
    """

    context: Text
    grade: Grade
    text: Text
    studied: Populations
    not_studied: Populations
    doses: list[StudiedDose] = []
    sources: SourceIds


class Use(Entry, kw_only=True, frozen=True):
    """Something magnesium is taken for, with the strength of the evidence and who it covers."""

    id: Id
    name: Text
    aliases: list[Text] = []
    grade: Grade
    summary: Text
    studied: Populations
    not_studied: Populations
    findings: list[Finding] = []
    sources: SourceIds


#: What a question asks, as search reads it: how much to take, how much is too much, when, which
#: form, side effects, magnesium in food, what a blood result means, how much magnesium a label's
#: figure holds, how long it takes, other supplements with it, whether it is safe, whether it
#: helps, low magnesium, the studies or sources behind an answer, and which medicines it affects.
Intent = Literal[
    "how-much",
    "too-much",
    "when",
    "which-form",
    "side-effects",
    "food",
    "result",
    "elemental",
    "how-long",
    "combine",
    "safe",
    "helps",
    "deficiency",
    "source",
    "interactions",
]
INTENTS: tuple[Intent, ...] = (
    "how-much", "too-much", "when", "which-form", "side-effects", "food", "result", "elemental",
    "how-long", "combine", "safe", "helps", "deficiency", "source", "interactions",
)  # fmt: skip


class FaqItem(Entry, kw_only=True, frozen=True):
    """A question people ask, answered.

    ``answers``: what kinds of question it answers in general ("how much is too much"), so that
    search puts it first for a question that asks that and names nothing more particular.
    """

    id: Id
    question: Text
    answer: Text
    keywords: list[Text] = []
    answers: list[Intent] = []
    sources: SourceIds


#: What a synonym points at: ``form:ID``, ``interaction:ID``, ``caution:ID``, ``use:ID``,
#: ``faq:ID``, ``source:ID``, ``medicine:ID``, ``family:ID``, or ``drug:GENERIC NAME`` for one
#: medicine in a class.
SynonymTarget = Annotated[
    str, msgspec.Meta(pattern=r"^(form|interaction|caution|use|faq|source|medicine|family|drug):\S.*$")
]


class Synonym(Entry, kw_only=True, frozen=True):
    """Words people use for entries that are listed under other names ("water pill")."""

    phrase: Text
    means: Annotated[list[SynonymTarget], msgspec.Meta(min_length=1)]


#: What one measure of a product is: mL of a liquid (a litre is 1,000 mL), a tablet, caplet or
#: capsule, a sachet or stick pack, a level teaspoon or a scoop of powder, a serving as the label
#: defines it, or a whole bottle of a bowel preparation.
ProductUnit = Literal["mL", "tablet", "caplet", "capsule", "sachet", "teaspoon", "scoop", "serving", "bottle"]
ProductPurpose = Literal["laxative", "antacid", "supplement", "replacement", "drink"]
SerumUnit = Literal["mg/dL", "mmol/L", "mEq/L"]


class AgeDose(Entry, kw_only=True, frozen=True):
    """What a product's label says for one age band, from ``from_age`` up to (not including)
    ``below_age`` years (None: no upper end).

    ``advice`` ``dose``: take ``low`` to ``high`` units (the product's ``unit``) a day, at most
    ``max_daily`` in 24 hours when the label gives it; ``ask-a-doctor``: the label gives no dose
    for this age and says to ask a doctor; ``do-not-use``: the label says not to give it.
    """

    from_age: Age
    below_age: Age | None = None
    advice: Literal["dose", "ask-a-doctor", "do-not-use"]
    low: Annotated[float, msgspec.Meta(gt=0)] | None = None
    high: Annotated[float, msgspec.Meta(gt=0)] | None = None
    max_daily: Annotated[float, msgspec.Meta(gt=0)] | None = None
    sources: SourceIds


class Product(Entry, kw_only=True, frozen=True):
    """A medicine or product that carries magnesium, with the figures from its label.

    ``elemental_mg`` (and ``compound_mg``, the weight of ``form``'s compound, when the label
    gives it) are for ``per`` units; ``basis`` ``derived`` means worked out from the label's
    compound or mmol figure, with the arithmetic in ``note``. ``max_daily`` is the label's
    adult maximum in 24 hours, in units. ``ambiguous_aliases`` are names that also fit other
    strengths of the product, counted as this one; ``other_strengths`` are the products those
    names may also mean, offered in its place. ``course`` marks a product whose label dose is one
    whole course before a procedure (a bowel preparation), not a daily amount: ``max_daily`` is
    then the most in that course.
    """

    id: Id
    name: Text
    aliases: list[Text] = []
    ambiguous_aliases: list[Text] = []
    other_strengths: list[Id] = []
    region: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    purposes: Annotated[list[ProductPurpose], msgspec.Meta(min_length=1)]
    form: Id | None = None
    unit: ProductUnit
    per: Annotated[float, msgspec.Meta(gt=0)]
    compound_mg: Annotated[float, msgspec.Meta(gt=0)] | None = None
    elemental_mg: Annotated[float, msgspec.Meta(gt=0)]
    basis: Literal["label", "derived"]
    max_daily: Annotated[float, msgspec.Meta(gt=0)] | None
    course: bool = False
    #: The mL in one bottle as sold, where a liquid's label gives it: "1 bottle" is then that many mL.
    bottle_ml: Annotated[float, msgspec.Meta(gt=0)] | None = None
    use: Text
    note: Text | None = None
    #: The label's doses by age, youngest first; empty when the label's age table was not read.
    age_doses: list[AgeDose] = []
    sources: SourceIds


class SerumRange(Entry, kw_only=True, frozen=True):
    """A named reference range for blood (serum or plasma) magnesium, in the unit its source uses.

    ``regions``: the regions whose laboratories use this range, so that it is the one read
    against by default for a person there.
    """

    id: Id
    name: Text
    low: Annotated[float, msgspec.Meta(gt=0)]
    high: Annotated[float, msgspec.Meta(gt=0)]
    unit: SerumUnit
    regions: list[Region] = []
    note: Text | None = None
    sources: SourceIds


class SerumThreshold(Entry, kw_only=True, frozen=True):
    """A blood magnesium level at which a source describes symptoms."""

    value: Annotated[float, msgspec.Meta(gt=0)]
    unit: SerumUnit
    direction: Literal["below", "above"]
    text: Text
    sources: SourceIds


class Serum(Entry, kw_only=True, frozen=True):
    """Reference ranges for blood magnesium and the levels that labels tie to symptoms."""

    default_range: Id
    ranges: Annotated[list[SerumRange], msgspec.Meta(min_length=1)]
    thresholds: list[SerumThreshold] = []


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
    synonyms: list[Synonym]
    products: list[Product]
    serum: Serum
    regions: list[ReferenceValues]
    foods: list[Food]
    medicines: list[Medicine]
    families: list[Family]
    brands: list[Brand]


class Section(NamedTuple):
    """One section of the dataset, as every part of magref sees it.

    ``file`` is the YAML file of the bundled dataset that holds it; ``entry`` the type of one entry
    (or of the whole record, for a section that is one record); ``kind`` what search, the index
    and the resolver call one entry (None for a single record); ``title`` the field that names an
    entry, looked up with its ``aliases`` (None: the section names its entries its own way, or only
    by id). ``body`` names the fields search reads as an entry's text: with a ``title``, the index
    makes the entry's search document from the registry alone (id, title and aliases as its names);
    a section whose document has its own shape (forms, interactions...) builds it in the index.
    ``command`` is the magref command that shows one entry, named by its id (search's "show with").
    """

    file: str
    entry: type[Any]
    kind: str | None = None
    title: str | None = None
    body: tuple[str, ...] = ()
    command: str | None = None


#: Every section of the dataset, in the order of ``Dataset``'s fields: the one registry the loader,
#: the index, the catalog and the integrity checks read.
SECTIONS: dict[str, Section] = {
    "about": Section("about.yaml", About),
    "sources": Section("sources.yaml", Source, "source", command="sources"),
    "forms": Section("forms.yaml", Form, "form", command="info"),
    "dosing": Section("dosing.yaml", Dosing),
    "interactions": Section("interactions.yaml", InteractionClass, "interaction", command="interactions"),
    "cautions": Section("cautions.yaml", Caution, "caution", "condition", ("advice",), "cautions"),
    "excess": Section("cautions.yaml", ExcessSigns),
    "uses": Section("uses.yaml", Use, "use", "name", command="evidence"),
    "faq": Section("faq.yaml", FaqItem, "faq", command="faq"),
    "synonyms": Section("synonyms.yaml", Synonym, "synonym"),
    "products": Section("products.yaml", Product, "product", "name", ("use", "note"), "products"),
    "serum": Section("serum.yaml", Serum),
    "regions": Section("regions.yaml", ReferenceValues, "region", "name", command="regions"),
    "foods": Section("foods.yaml", Food, "food", "name", command="foods"),
    "medicines": Section("medicines.yaml", Medicine, "medicine", command="interactions"),
    "families": Section("medicines.yaml", Family, "family", command="interactions"),
    "brands": Section("brands.yaml", Brand, "brand"),
}

#: Kinds of entry that are names of other entries: looked up as what they point at, never as
#: themselves (a synonym means entries; a brand names its components).
POINTER_KINDS = ("synonym", "brand")

#: Which YAML file in the bundled dataset holds each section.
SECTION_FILES: dict[str, str] = {name: section.file for name, section in SECTIONS.items()}
