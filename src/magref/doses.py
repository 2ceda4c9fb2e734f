"""Doses beyond a supplement's: a product label's dose at one age, and the doses studied for a use
held against the region's upper limit.

Every answer here carries its figures (units, elemental mg, the limit and how they compare) and
codes; the render layer words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import msgspec

from magref import dosing, lookup
from magref.answers import Shape
from magref.catalog import Catalog
from magref.model import (
    AgeDose,
    DoseBasis,
    DoseRoute,
    Form,
    Grade,
    Product,
    ProductPurpose,
    Source,
    StudiedDose,
    Use,
)
from magref.region import DEFAULT_REGION, Region

#: Below this age a person is a child for a label's age table (US Drug Facts tables start their
#: adult row at "adults and children 12 years and over").
CHILD_AGE = 12.0

#: What a label says at one age: a ``dose``, ``ask-a-doctor``, ``do-not-use``, or ``none-given``
#: (the label's age table was read and has no row for this age, or it has no age table at all:
#: ``table_read`` tells which).
AgeAdvice = Literal["dose", "ask-a-doctor", "do-not-use", "none-given"]

#: How a studied dose stands against the upper limit: ``over`` or ``at-or-under`` it, ``no-limit``
#: (none set at this age), ``not-by-mouth`` (given into a vein or muscle, which an upper limit for
#: supplements does not count), ``basis-not-stated`` (the paper does not say elemental or compound),
#: ``form-not-known`` (a compound weight of a form the dataset does not hold).
DoseStatus = Literal["over", "at-or-under", "no-limit", "not-by-mouth", "basis-not-stated", "form-not-known"]


class LabelDose(msgspec.Struct, frozen=True, kw_only=True):
    """A product's label at one age: the row that covers it and its figures.

    ``low_units`` to ``high_units`` a day (``max_units`` at most in 24 hours, when the label gives
    it), and the same in mg of elemental magnesium from the product's own figure per unit.
    """

    product: Product
    age: float
    advice: AgeAdvice
    table_read: bool
    band: AgeDose | None = None
    low_units: float | None = None
    high_units: float | None = None
    max_units: float | None = None
    low_elemental_mg: float | None = None
    high_elemental_mg: float | None = None
    max_elemental_mg: float | None = None
    sources: list[str] = []

    @property
    def most_units(self) -> float | None:
        """The most a day this row allows: its 24-hour maximum, else the top of its dose."""
        return self.max_units if self.max_units is not None else self.high_units


class AgeDoseDocument(Shape):
    """The label's dose for ages ``from_age`` up to (not including) ``below_age``.

    ``advice`` is ``dose`` (``low`` to ``high`` units a day), ``ask-a-doctor`` or ``do-not-use``.
    """

    from_age: float
    below_age: float | None
    advice: str
    low: float | None
    high: float | None
    max_daily: float | None
    sources: list[str]


class ProductDocument(Shape):
    """``products NAME``: one product's label figures, per ``per`` units.

    ``other_strengths`` are the products its ambiguous names may also mean. With ``course``
    (a bowel preparation), ``max_daily`` is the most in the label's whole course.
    """

    id: str
    name: str
    aliases: list[str]
    ambiguous_aliases: list[str]
    other_strengths: list[str]
    region: str
    purposes: list[ProductPurpose]
    form: str | None
    unit: str
    per: float
    compound_mg: float | None
    elemental_mg: float
    basis: str
    max_daily: float | None
    max_daily_elemental_mg: float | None
    course: bool
    bottle_ml: float | None
    use: str
    note: str | None
    age_doses: list[AgeDoseDocument]
    sources: list[str]


class LabelDoseDocument(Shape):
    """The label's row for one age (``age_years``): ``advice`` is ``dose``, ``ask-a-doctor``,
    ``do-not-use`` or ``none-given`` (no row for this age; ``table_read`` false when magref holds no
    age table for the product). A dose is ``low_units`` to ``high_units`` of ``unit`` a day, at most
    ``max_units`` in 24 hours, and the same in elemental mg.
    """

    age_years: float
    advice: AgeAdvice
    table_read: bool
    from_age: float | None
    below_age: float | None
    unit: str
    low_units: float | None
    high_units: float | None
    max_units: float | None
    low_elemental_mg: float | None
    high_elemental_mg: float | None
    max_elemental_mg: float | None
    sources: list[str]
    #: The row in words; the core leaves it empty and the render layer words it.
    message: str


class ProductAtAgeDocument(ProductDocument):
    """``products NAME --age N``: the product, and its label's dose at that age."""

    at_age: LabelDoseDocument


class ProductsDocument(Shape):
    """``products``: every product."""

    items: list[ProductDocument]


class ProductAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """``products NAME [--age N]``: the product, each row of its label's age table with its figures
    (``rows``, each at the row's first age), the row for the age asked (``dose``, None when none
    was asked), the other strengths its name may mean, and the sources cited; ``json`` is the
    document ``--json`` prints (its row's ``message`` worded by the render layer), and
    ``max_elemental_mg`` the most elemental magnesium the label allows, unrounded."""

    product: Product
    json: ProductDocument | ProductAtAgeDocument
    max_elemental_mg: float | None = None
    rows: list[LabelDose] = []
    dose: LabelDose | None = None
    others: list[Product] = []
    sources: list[Source] = []


class ProductsAnswer(msgspec.Struct, kw_only=True):
    """``products``: the document ``--json`` prints, every product, and the most elemental
    magnesium each one's label allows (unrounded, in the same order)."""

    json: ProductsDocument
    products: list[Product]
    max_elemental_mg: list[float | None]


class DoseCheck(msgspec.Struct, frozen=True, kw_only=True):
    """One studied dose of a finding, read as elemental magnesium and held against the limit.

    ``elemental_low_mg``/``elemental_high_mg`` are the dose as elemental magnesium: as given for an
    elemental dose, ``derived`` from the form's % magnesium for a compound weight, ``None`` when the
    basis is not stated or the form is not known. For a dose whose basis is not stated,
    ``over_if_elemental`` says whether it would pass the limit if it were elemental, and
    ``compound_reading_high_mg`` what its top would be as elemental mg if it were the compound's.
    """

    finding: str
    grade: Grade
    dose: StudiedDose
    status: DoseStatus
    form_name: str | None = None
    elemental_low_mg: float | None = None
    elemental_high_mg: float | None = None
    derived: bool = False
    over_if_elemental: bool = False
    compound_reading_high_mg: float | None = None

    @property
    def over(self) -> bool:
        return self.status == "over"


class UseDoses(msgspec.Struct, frozen=True, kw_only=True):
    """The doses studied for one use, each against the upper limit at ``age`` in ``region``.

    ``needs_clinician`` is true when any studied dose passes the limit: such a dose is taken only
    with a doctor's advice. ``source_ids`` are those the doses cite; ``upper_limit`` is ``upper``
    as ``--json`` prints it.
    """

    use_id: str
    use_name: str
    grade: Grade
    age: float
    upper: dosing.UpperLimit
    upper_limit: dosing.UpperLimitDocument
    doses: list[DoseCheck]
    source_ids: list[str] = []

    @property
    def needs_clinician(self) -> bool:
        return any(dose.over for dose in self.doses)

    @property
    def highest_over_mg(self) -> float | None:
        """The highest elemental mg a day among the doses over the limit."""
        over = [d.elemental_high_mg for d in self.doses if d.over and d.elemental_high_mg is not None]
        return max(over) if over else None


class StudiedDoseDocument(Shape):
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
    #: The dose in words: the core leaves it empty and the render layer words it.
    message: str


class UseDosesDocument(Shape):
    """The doses studied for one use, against the upper limit at ``age_years`` in ``region``.

    ``needs_clinician`` is true when a studied dose passes the limit: such doses are for a doctor
    to advise, and ``message`` says so.
    """

    id: str
    name: str
    grade: Grade
    age_years: float
    region: str
    upper_limit: dosing.UpperLimitDocument
    needs_clinician: bool
    doses: list[StudiedDoseDocument]
    #: The doses summed up in words: the core leaves it empty and the render layer words it.
    message: str


class UseEvidenceDocument(Shape):
    """``evidence USE``: the use as ``evidence`` lists it, and its studied doses against the adult limit."""

    items: list[Use]
    doses: UseDosesDocument


class EvidenceAnswer(msgspec.Struct, frozen=True, kw_only=True):
    """``evidence USE``: ``json`` is the document ``--json`` prints (its messages worded by the
    render layer); ``doses`` the doses studied as worked out against the limit (for the words), and
    ``sources`` every source cited."""

    json: UseEvidenceDocument
    doses: UseDoses
    sources: list[Source] = []


# -- a label's dose by age ---------------------------------------------------------------------------


def band_for(product: Product, age: float) -> AgeDose | None:
    """The row of the product's age table that covers ``age``, or None."""
    for band in product.age_doses:
        if band.from_age <= age and (band.below_age is None or age < band.below_age):
            return band
    return None


def label_dose(product: Product, age: float) -> LabelDose:
    """What the product's label says at ``age``, with its figures in units and elemental mg."""
    dosing.check_age(age)
    band = band_for(product, age)
    if band is None:
        return LabelDose(product=product, age=age, advice="none-given", table_read=bool(product.age_doses))
    return _row(product, band, age)


def label_rows(product: Product) -> list[LabelDose]:
    """Every row of the product's age table with its figures, each at the row's first age."""
    return [_row(product, band, band.from_age) for band in product.age_doses]


def _row(product: Product, band: AgeDose, age: float) -> LabelDose:
    if band.advice != "dose":
        return LabelDose(
            product=product, age=age, advice=band.advice, table_read=True, band=band, sources=band.sources
        )
    each = product.elemental_mg / product.per
    return LabelDose(
        product=product,
        age=age,
        advice="dose",
        table_read=True,
        band=band,
        low_units=band.low,
        high_units=band.high,
        max_units=band.max_daily,
        low_elemental_mg=_times(band.low, each),
        high_elemental_mg=_times(band.high, each),
        max_elemental_mg=_times(band.max_daily, each),
        sources=band.sources,
    )


def _times(units: float | None, each: float) -> float | None:
    return None if units is None else round(units * each, 1)


def max_elemental(product: Product) -> float | None:
    """The most elemental magnesium a day (for a bowel preparation, in the whole course) that the
    label allows, or None where it gives no maximum."""
    return None if product.max_daily is None else product.max_daily / product.per * product.elemental_mg


def product_document(product: Product) -> ProductDocument:
    """A product as ``--json`` prints it."""
    most = max_elemental(product)
    return ProductDocument(
        id=product.id,
        name=product.name,
        aliases=product.aliases,
        ambiguous_aliases=product.ambiguous_aliases,
        other_strengths=product.other_strengths,
        region=product.region,
        purposes=product.purposes,
        form=product.form,
        unit=product.unit,
        per=product.per,
        compound_mg=product.compound_mg,
        elemental_mg=product.elemental_mg,
        basis=product.basis,
        max_daily=product.max_daily,
        max_daily_elemental_mg=None if most is None else round(most, 1),
        course=product.course,
        bottle_ml=product.bottle_ml,
        use=product.use,
        note=product.note,
        age_doses=[
            AgeDoseDocument(
                from_age=band.from_age,
                below_age=band.below_age,
                advice=band.advice,
                low=band.low,
                high=band.high,
                max_daily=band.max_daily,
                sources=band.sources,
            )
            for band in product.age_doses
        ],
        sources=product.sources,
    )


def label_dose_document(dose: LabelDose) -> LabelDoseDocument:
    """A label's row at one age as ``--json`` prints it, its ``message`` left for the words."""
    band = dose.band
    return LabelDoseDocument(
        age_years=dose.age,
        advice=dose.advice,
        table_read=dose.table_read,
        from_age=None if band is None else band.from_age,
        below_age=None if band is None else band.below_age,
        unit=dose.product.unit,
        low_units=dose.low_units,
        high_units=dose.high_units,
        max_units=dose.max_units,
        low_elemental_mg=dose.low_elemental_mg,
        high_elemental_mg=dose.high_elemental_mg,
        max_elemental_mg=dose.max_elemental_mg,
        sources=dose.sources,
        message="",
    )


def product_answer(data: Catalog, product: Product, age: float | None = None) -> ProductAnswer:
    """``products NAME [--age N]``: the label's rows by age and the row for ``age``, the other
    strengths and the sources."""
    dose = None if age is None else label_dose(product, age)
    others = [data.by_id("products", other, Product) for other in product.other_strengths]
    cited = lookup.cited(data, [*product.sources, *(dose.sources if dose is not None else [])])
    document = product_document(product)
    if dose is not None:
        fields = msgspec.structs.asdict(document)
        document = ProductAtAgeDocument(**fields, at_age=label_dose_document(dose))
    return ProductAnswer(
        product=product,
        json=document,
        max_elemental_mg=max_elemental(product),
        rows=label_rows(product),
        dose=dose,
        others=[other for other in others if other is not None],
        sources=cited,
    )


def product(data: Catalog, name: str, age: float | None = None) -> ProductAnswer:
    """``products NAME [--age N]``: the product named (by name, alias or brand), as ``product_answer``."""
    from magref import resolve

    found: Product = data.entry("products", resolve.one(data, name, "products", "product"))
    return product_answer(data, found, age)


def products(data: Catalog) -> ProductsAnswer:
    """``products``: every product."""
    every = list(data.products)
    return ProductsAnswer(
        json=ProductsDocument(items=[product_document(p) for p in every]),
        products=every,
        max_elemental_mg=[max_elemental(p) for p in every],
    )


# -- the doses studied for a use ---------------------------------------------------------------------


def use_doses(
    data: Catalog, use: Use, age: float = dosing.ADULT_AGE, region: Region = DEFAULT_REGION
) -> UseDoses:
    """Each dose studied for ``use``, finding by finding, against the upper limit at ``age``."""
    upper = dosing.upper_limit(data, age, region)
    checks = [
        _check(data, finding.context, finding.grade, dose, upper)
        for finding in use.findings
        for dose in finding.doses
    ]
    ids = [source for finding in use.findings for dose in finding.doses for source in dose.sources]
    return UseDoses(
        use_id=use.id,
        use_name=use.name,
        grade=use.grade,
        age=age,
        upper=upper,
        upper_limit=dosing.upper_document(upper),
        doses=checks,
        source_ids=list(dict.fromkeys(ids)),
    )


def uses_doses(
    data: Catalog, names: Sequence[str], age: float = dosing.ADULT_AGE, region: Region = DEFAULT_REGION
) -> list[UseDoses]:
    """The doses studied for each use named, in the order named, each use once."""
    found = list({use.id: use for use in (lookup.find_use(data, name) for name in names)}.values())
    return [use_doses(data, use, age, region) for use in found]


def evidence(data: Catalog, query: str, region: Region = DEFAULT_REGION) -> EvidenceAnswer:
    """``evidence USE``: the use, its studied doses against the adult limit, and its sources."""
    use = lookup.find_use(data, query)
    doses = use_doses(data, use, dosing.ADULT_AGE, region)
    ids = [*use.sources, *(s for f in use.findings for s in f.sources), *doses.source_ids]
    return EvidenceAnswer(
        json=UseEvidenceDocument(items=[use], doses=use_doses_document(doses)),
        doses=doses,
        sources=lookup.cited(data, ids),
    )


def use_doses_document(use: UseDoses) -> UseDosesDocument:
    """The doses studied for a use as ``--json`` prints them, their words left empty."""
    return UseDosesDocument(
        id=use.use_id,
        name=use.use_name,
        grade=use.grade,
        age_years=use.age,
        region=str(use.upper.region),
        upper_limit=use.upper_limit,
        needs_clinician=use.needs_clinician,
        doses=[studied_dose_document(check) for check in use.doses],
        message="",
    )


def studied_dose_document(check: DoseCheck) -> StudiedDoseDocument:
    """One studied dose as ``--json`` prints it, its words left empty."""
    dose = check.dose
    return StudiedDoseDocument(
        finding=check.finding,
        grade=check.grade,
        low_mg=dose.low_mg,
        high_mg=dose.high_mg,
        basis=dose.basis,
        form=dose.form,
        route=dose.route,
        duration=dose.duration,
        who=dose.who,
        sources=dose.sources,
        elemental_low_mg=check.elemental_low_mg,
        elemental_high_mg=check.elemental_high_mg,
        elemental_derived=check.derived,
        status=check.status,
        over_if_elemental=check.over_if_elemental,
        compound_reading_high_mg=check.compound_reading_high_mg,
        message="",
    )


_STATUS: dict[dosing.LimitStatus, DoseStatus] = {
    "over": "over",
    "at_or_under": "at-or-under",
    "no_limit": "no-limit",
}


def _check(
    data: Catalog, finding: str, grade: Grade, dose: StudiedDose, upper: dosing.UpperLimit
) -> DoseCheck:
    form = data.by_id("forms", dose.form, Form) if dose.form else None
    named = form.name if form is not None else dose.form
    if dose.route != "oral":
        return DoseCheck(finding=finding, grade=grade, dose=dose, form_name=named, status="not-by-mouth")
    if dose.basis == "not-stated":
        return DoseCheck(
            finding=finding,
            grade=grade,
            dose=dose,
            form_name=named,
            status="basis-not-stated",
            over_if_elemental=dosing.limit_status(dose.high_mg, upper.mg) == "over",
            compound_reading_high_mg=None
            if form is None
            else round(dose.high_mg * form.elemental_percent / 100, 1),
        )
    if dose.basis == "compound" and form is None:
        return DoseCheck(finding=finding, grade=grade, dose=dose, form_name=named, status="form-not-known")
    share = form.elemental_percent / 100 if dose.basis == "compound" and form is not None else 1.0
    low, high = round(dose.low_mg * share, 1), round(dose.high_mg * share, 1)
    return DoseCheck(
        finding=finding,
        grade=grade,
        dose=dose,
        form_name=named,
        status=_STATUS[dosing.limit_status(high, upper.mg)],
        elemental_low_mg=low,
        elemental_high_mg=high,
        derived=dose.basis == "compound",
    )
