"""Everything taken in a day, summed as elemental magnesium against the upper limit.

Each item is a form with milligrams (compound or elemental), elemental magnesium alone, or a
product with a measure (mL, tablets, capsules, teaspoons, scoops, servings) worked out through
its label's per-unit figure.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import Any, Literal

import msgspec

from magref import dosing, names
from magref import resolve as resolve_names
from magref.answers import Shape
from magref.catalog import Catalog
from magref.errors import InputError, NotFound
from magref.model import Form, Product
from magref.region import DEFAULT_REGION, Region

#: The most magref will count in one item, in milligrams (100 g) and in units of a product.
MAX_MG = 100_000.0
MAX_MEASURE = {
    "mL": 5_000.0, "count": 200.0, "teaspoon": 100.0, "tablespoon": 40.0, "scoop": 50.0,
    "serving": 50.0, "bottle": 20.0,
}  # fmt: skip
MAX_TIMES = dosing.MAX_TIMES
MAX_ITEMS = 50
MG_PER_MMOL = 24.305
MEQ_PER_MMOL = 2.0
ML_PER_TEASPOON = 5.0
TEASPOONS_PER_TABLESPOON = 3.0

#: How an amount of a product was measured: mL (litres and fl oz are read as mL), a count of
#: units (tablets, caplets, capsules, sachets), spoons, a label's scoop or serving, or bottles.
MeasureUnit = Literal["mL", "count", "teaspoon", "tablespoon", "scoop", "serving", "bottle"]
#: The units of products counted one by one: a typed count ("2 capsules") fits any of them.
COUNTED_UNITS = frozenset({"tablet", "caplet", "capsule", "sachet"})


class Basis(enum.Enum):
    """Whether milligrams are of magnesium itself or of the whole compound."""

    ELEMENTAL = "elemental"
    COMPOUND = "compound"


class Mass(msgspec.Struct, frozen=True):
    """Milligrams, elemental or compound; ``stated`` is the unit given when it was mmol or mEq."""

    mg: float
    basis: Basis
    stated: str | None = None


class Measure(msgspec.Struct, frozen=True):
    """An amount of a product: mL, a count of tablets (or caplets, capsules, sachets), spoons, a
    scoop or a serving."""

    amount: float
    unit: MeasureUnit


class Intake(msgspec.Struct, frozen=True):
    """One thing taken, as asked: a name (empty for magnesium itself), a mass or a measure, doses a day.

    ``other_amounts`` holds amounts written before the last one; they may be part of a product's
    name ("Neomag 4 mmol"), else the item is refused.
    """

    text: str
    name: str
    times: int = 1
    mass: Mass | None = None
    measure: Measure | None = None
    other_amounts: list[str] = []
    #: False when milligrams of a named form say neither elemental nor compound ("citrate 300 mg").
    basis_stated: bool = True
    #: When in the day it is taken, as written ("at bedtime"): read, and shown back.
    when: list[str] = []


Kind = Literal["form", "product", "magnesium"]


class Line(msgspec.Struct, frozen=True):
    """One item resolved: what it is, milligrams per dose, and its elemental total a day.

    ``units_per_dose`` is in the product's own unit; ``assumed_strength`` is set when the name
    fits several strengths of a product and one was counted, ``others`` being the strengths it
    may also mean.
    """

    intake: Intake
    kind: Kind
    elemental_mg: float
    form: Form | None = None
    product: Product | None = None
    compound_mg: float | None = None
    units_per_dose: float | None = None
    assumed_strength: bool = False
    #: Milligrams of a form that say neither elemental nor compound: counted as elemental (the safer,
    #: higher reading), with ``other_elemental_mg`` the elemental mg a dose if they were the compound's.
    ambiguous: bool = False
    other_elemental_mg: float | None = None
    others: list[Product] = []
    #: The name of a product magref does not hold, whose elemental magnesium was given ("ZMA 450 mg
    #: elemental"): counted as given, the name reported back.
    unlisted: str | None = None

    @property
    def times(self) -> int:
        return self.intake.times

    @property
    def per_day_elemental_mg(self) -> float:
        return self.elemental_mg * self.intake.times

    @property
    def units_per_day(self) -> float | None:
        return None if self.units_per_dose is None else self.units_per_dose * self.intake.times

    @property
    def stated_amount(self) -> float | None:
        """The magnesium in the unit it was given in, when that was mmol or mEq (``intake.mass.stated``)."""
        mass = self.intake.mass
        if mass is None or mass.stated is None:
            return None
        return mmol(self.elemental_mg) if mass.stated == "mmol" else meq(self.elemental_mg)

    @property
    def over_label_maximum(self) -> bool:
        """More a day than the product's label allows adults in 24 hours (for a bowel
        preparation, more than its whole course)."""
        if self.product is None or self.product.max_daily is None or self.units_per_day is None:
            return False
        return round(self.units_per_day, 6) > self.product.max_daily


class Stack(msgspec.Struct, frozen=True):
    """Every item, the elemental total a day, and the supplemental upper limit it is held against."""

    lines: list[Line]
    upper: dosing.UpperLimit

    @property
    def ul_supplemental_mg(self) -> int | None:
        return self.upper.mg

    @property
    def total_elemental_mg(self) -> float:
        return sum(line.per_day_elemental_mg for line in self.lines)

    @property
    def status(self) -> dosing.LimitStatus:
        return dosing.limit_status(self.total_elemental_mg, self.ul_supplemental_mg)

    @property
    def over_ul(self) -> bool:
        return self.status == "over"

    def share(self, line: Line) -> float | None:
        """The item's elemental magnesium a day as a fraction of the upper limit."""
        if not self.ul_supplemental_mg:
            return None
        return line.per_day_elemental_mg / self.ul_supplemental_mg


def mmol(elemental_mg: float) -> float:
    """Millimoles of magnesium in ``elemental_mg``."""
    return elemental_mg / MG_PER_MMOL


def meq(elemental_mg: float) -> float:
    """Milliequivalents of magnesium (divalent: 2 mEq a mmol) in ``elemental_mg``."""
    return mmol(elemental_mg) * MEQ_PER_MMOL


def check_mass(mass: Mass, text: str) -> Mass:
    """The mass if possible: more than zero and at most 100 g."""
    if not math.isfinite(mass.mg) or mass.mg <= 0:
        raise InputError("amount-not-positive", text=text)
    if mass.mg > MAX_MG:
        raise InputError("amount-over-limit", text=text, limit_mg=MAX_MG)
    return mass


def check_measure(measure: Measure, text: str) -> Measure:
    """The measure if possible: more than zero and not absurd for one dose."""
    if not math.isfinite(measure.amount) or measure.amount <= 0:
        raise InputError("amount-not-positive", text=text)
    limit = MAX_MEASURE[measure.unit]
    if measure.amount > limit:
        raise InputError("measure-over-limit", text=text, limit=limit, unit=measure.unit)
    return measure


def resolve(data: Catalog, item: Intake) -> Line:
    """What one item is and how much elemental magnesium it gives a dose."""
    if not 1 <= item.times <= MAX_TIMES:
        raise InputError("doses-a-day", times=item.times, max_times=MAX_TIMES)
    if item.measure is not None and not _counted_form(data, item):
        return _product_line(data, item, item.measure)
    assert item.mass is not None
    if not item.name:
        _no_other_amounts(item)
        return Line(item, "magnesium", item.mass.mg)
    if item.measure is not None:
        return _form_line(item, _named(data, item.name, "forms"), item.measure.amount)
    form: Form | None = _named(data, item.name, "forms")
    if form is None:
        product: Product | None = _named(data, item.name, "products")
        if product is not None:
            raise InputError(
                "product-by-weight", text=item.text, product=product.name, unit=product.unit, name=item.name
            )
        _no_other_amounts(item)
        if item.basis_stated and item.mass.basis is Basis.ELEMENTAL:
            return Line(item, "magnesium", item.mass.mg, unlisted=item.name)
        close = resolve_names.suggestions(data, item.name, ["forms", "products"])
        raise NotFound("form-or-product", item.name, close)
    _no_other_amounts(item)
    return _form_line(item, form)


def _counted_form(data: Catalog, item: Intake) -> bool:
    """Whether an item with a count and a mass ("2 capsules of 400 mg oxide") names a form, not a product."""
    if item.mass is None or item.measure is None or item.measure.unit != "count":
        return False
    return resolve_names.single(data, item.name, "products") is None and (
        _named(data, item.name, "forms") is not None
    )


def _form_line(item: Intake, form: Form, units: float | None = None) -> Line:
    """A form's line: the mass given is each unit's when ``units`` (capsules, tablets) is set."""
    assert item.mass is not None
    mass_mg = item.mass.mg * (units or 1)
    if not item.basis_stated and item.mass.basis is Basis.COMPOUND:
        compound = mass_mg / (form.elemental_percent / 100)
        other = mass_mg * form.elemental_percent / 100
        return Line(
            item, "form", mass_mg, form, None, compound, units, ambiguous=True, other_elemental_mg=other
        )
    if item.mass.basis is Basis.ELEMENTAL:
        compound = mass_mg / (form.elemental_percent / 100)
        return Line(item, "form", mass_mg, form=form, compound_mg=compound, units_per_dose=units)
    elemental = mass_mg * form.elemental_percent / 100
    return Line(item, "form", elemental, form=form, compound_mg=mass_mg, units_per_dose=units)


def _no_other_amounts(item: Intake) -> None:
    if item.other_amounts:
        raise InputError("several-amounts", text=item.text, amounts=list(item.other_amounts))


def _named(data: Catalog, name: str, section: str) -> Any:
    """The entry of ``section`` that an item's name names (words around it allowed), or None."""
    found = resolve_names.single(data, name, section)
    return None if found is None else data.entry(section, found[0])


def _product_line(data: Catalog, item: Intake, measure: Measure) -> Line:
    found = resolve_names.single(data, item.name, "products")
    only = None if found is None else data.entry("products", found[0])
    if only is None:
        only = _the_product_of_a_form(data, item, measure)
    if only is None:
        if item.other_amounts:
            _no_other_amounts(item)
        form: Form | None = _named(data, item.name, "forms")
        if form is not None and item.mass is None and measure.unit == "count":
            raise InputError(
                "units-need-mg", text=item.text, form=form.name, amount=measure.amount, form_id=form.id
            )
        close = resolve_names.suggestions(data, item.name, ["products"])
        named = form.name if form else None
        raise NotFound("product", item.name, close, reason="unknown-product", form=named)
    product: Product = only
    assumed = found is not None and names.key(found[1].typed) in {
        names.key(a) for a in product.ambiguous_aliases
    }
    found_others = [data.by_id("products", other, Product) for other in product.other_strengths]
    others = [other for other in found_others if other is not None] if assumed else []
    strongest = _strongest(product, others, measure)
    if strongest is not product:  # a name that fits several strengths counts the one with the most
        others = [product, *(other for other in others if other is not strongest)]
        product = strongest
    units = _units(product, measure, item.text)
    elemental = units / product.per * product.elemental_mg
    compound = None if product.compound_mg is None else units / product.per * product.compound_mg
    form = data.by_id("forms", product.form, Form) if product.form else None
    return Line(item, "product", elemental, form, product, compound, units, assumed, others=others)


def _strongest(product: Product, others: Sequence[Product], measure: Measure) -> Product:
    """Of the strengths a name may mean, the one with the most elemental magnesium for the amount
    given (the safer count against the upper limit); ``product`` when none measured so holds more."""
    fits = [other for other in others if _measured_so(other, measure)]
    return max([product, *fits], key=lambda p: _units(p, measure, "") / p.per * p.elemental_mg)


def _the_product_of_a_form(data: Catalog, item: Intake, measure: Measure) -> Product | None:
    """The one product of the named form measured this way ("1 tsp Epsom salt"), or None.

    Bowel preparations are never meant by a form's name alone; when brands of the form are
    measured the same way, the one product named after the form itself ("Magnesium oxide 400
    tablets", not "Mag-Ox 400") is the one meant.
    """
    form: Form | None = _named(data, item.name, "forms")
    if form is None or item.other_amounts:
        return None
    fits = [
        product
        for product in data.linked("products", "form", form.id)
        if not product.course and _measured_so(product, measure)
    ]
    if len(fits) > 1:
        fits = [p for p in fits if names.key(p.name).startswith(names.key(form.name))]
    return fits[0] if len(fits) == 1 else None


def _measured_so(product: Product, measure: Measure) -> bool:
    try:
        _units(product, measure, "")
    except InputError:
        return False
    return True


def _units(product: Product, measure: Measure, text: str) -> float:
    """The measure in the product's own unit, or an InputError when the two do not fit."""
    if product.unit == "mL":
        if measure.unit == "mL":
            return measure.amount
        if measure.unit == "teaspoon":
            return measure.amount * ML_PER_TEASPOON
        if measure.unit == "tablespoon":
            return measure.amount * ML_PER_TEASPOON * TEASPOONS_PER_TABLESPOON
        if measure.unit == "bottle" and product.bottle_ml is not None:
            return measure.amount * product.bottle_ml
    elif product.unit == "teaspoon":
        if measure.unit == "teaspoon":
            return measure.amount
        if measure.unit == "tablespoon":
            return measure.amount * TEASPOONS_PER_TABLESPOON
    elif product.unit in ("scoop", "serving", "bottle"):
        if measure.unit == product.unit:
            return measure.amount
    elif measure.unit == "count" and product.unit in COUNTED_UNITS:
        return measure.amount
    raise InputError("measured-in", text=text, product=product.name, unit=product.unit)


def stack(
    data: Catalog, items: Sequence[Intake], age: float = dosing.ADULT_AGE, region: Region = DEFAULT_REGION
) -> Stack:
    """Every item resolved, held against the supplemental upper limit at this age."""
    if not items:
        raise InputError("nothing-to-add")
    check_count(items)
    return stack_of([resolve(data, item) for item in items], data, age, region)


def check_count(items: Sequence[Intake]) -> None:
    """Refuse more items than MAX_ITEMS."""
    if len(items) > MAX_ITEMS:
        raise InputError("too-many-items", count=len(items), max_items=MAX_ITEMS)


def stack_of(
    lines: Sequence[Line], data: Catalog, age: float = dosing.ADULT_AGE, region: Region = DEFAULT_REGION
) -> Stack:
    """Lines already resolved, held against the supplemental upper limit at this age."""
    return Stack(list(lines), dosing.upper_limit(data, age, region))


# -- answers: what ``convert`` and ``stack`` print -----------------------------------------------------


class ItemDocument(Shape):
    """One thing taken: what it is, the milligrams in a dose, and its daily elemental total.

    ``share_of_ul`` is the item's share of the upper limit (1.0 is all of it). With
    ``assumed_strength``, ``other_strengths`` are the products the name may also mean; ``course``
    marks a bowel preparation, whose label dose is one whole course, not a daily amount.
    """

    item: str
    kind: Literal["form", "product", "magnesium"]
    form: str | None
    product: str | None
    quantity: float | None
    quantity_unit: str | None
    compound_mg: float | None
    elemental_mg: float
    elemental_percent: float | None
    mmol: float
    meq: float
    times: int
    per_day_elemental_mg: float
    share_of_ul: float | None
    over_label_maximum: bool
    assumed_strength: bool
    #: False when the milligrams said neither elemental nor compound: counted as elemental (safer).
    basis_stated: bool
    #: The elemental mg a dose if those milligrams were the compound's weight, when not stated.
    other_elemental_mg: float | None
    #: When in the day it is taken, as written ("at bedtime").
    when: list[str]
    other_strengths: list[str]
    course: bool
    #: The name of a product magref does not hold, counted by the elemental magnesium given.
    unlisted: str | None


class ConvertDocument(ItemDocument):
    """``convert``: one item, and its daily total against the upper limit."""

    ul_supplemental_mg: int | None
    status: dosing.LimitStatus
    over_ul: bool


class FormConversion(Shape):
    """``convert --elemental``: the compound that gives an amount of elemental magnesium."""

    form: str
    compound_mg: float
    elemental_mg: float
    elemental_percent: float
    times: int
    per_day_elemental_mg: float
    ul_supplemental_mg: int | None
    over_ul: bool
    region: str
    upper_limit: dosing.UpperLimitDocument
    mmol: float
    meq: float
    status: dosing.LimitStatus
    #: False when the amount said neither elemental nor compound and was read as the compound's weight.
    basis_stated: bool


class StackDocument(Shape):
    """``stack``: every item and the day's elemental total against the upper limit."""

    items: list[ItemDocument]
    total_elemental_mg: float
    ul_supplemental_mg: int | None
    status: dosing.LimitStatus
    over_ul: bool
    unit: str


class StackAnswer(msgspec.Struct, kw_only=True):
    """``stack``: the document ``--json`` prints; the stack itself, each item as resolved (what it
    is called, its units and label figures, for the text); and the day's total as a share of the
    upper limit (None where no limit is set)."""

    json: StackDocument
    stack: Stack
    share_of_ul: float | None
    #: Each item's day as a share of the upper limit, unrounded, in the order of ``stack.lines``.
    shares: list[float | None]


class ConvertAnswer(msgspec.Struct, kw_only=True):
    """``convert``: the document ``--json`` prints (a ``FormConversion`` for milligrams of a form,
    else the item as ``ConvertDocument``; asking for mmol changes neither), and for the text the item as
    resolved and in its stack, the form's conversion where there is one, whether mmol and mEq are
    shown, and the figures the text gives: the day's total as a share of the limit, how far over
    it, and what an amount that did not say its basis would be as elemental magnesium."""

    json: FormConversion | ConvertDocument
    stack: Stack
    conversion: dosing.Conversion | None
    show_units: bool
    share_of_ul: float | None
    #: How much the day's total passes the upper limit by, when it does.
    over_by_mg: float | None
    #: A form's milligrams that did not say their basis, read as elemental: the day's total and
    #: its share of the limit.
    if_elemental_mg: float | None
    if_elemental_share: float | None


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def item_document(line: Line, stack: Stack | None = None) -> ItemDocument:
    """One item as ``--json`` prints it; its share of the limit only within a stack."""
    share = stack.share(line) if stack else None
    return ItemDocument(
        item=line.intake.text,
        kind=line.kind,
        form=line.form.id if line.form else None,
        product=line.product.id if line.product else None,
        quantity=_rounded(line.units_per_dose, 2),
        quantity_unit=line.product.unit if line.product else None if line.units_per_dose is None else "unit",
        compound_mg=_rounded(line.compound_mg, 1),
        elemental_mg=round(line.elemental_mg, 1),
        elemental_percent=line.form.elemental_percent if line.form and line.kind == "form" else None,
        mmol=round(mmol(line.elemental_mg), 2),
        meq=round(meq(line.elemental_mg), 2),
        times=line.times,
        per_day_elemental_mg=round(line.per_day_elemental_mg, 1),
        share_of_ul=_rounded(share, 3),
        over_label_maximum=line.over_label_maximum,
        assumed_strength=line.assumed_strength,
        basis_stated=not line.ambiguous,
        other_elemental_mg=_rounded(line.other_elemental_mg, 1),
        when=line.intake.when,
        other_strengths=[other.id for other in line.others],
        course=line.product is not None and line.product.course,
        unlisted=line.unlisted,
    )


def convert_line_document(line: Line, stack: Stack) -> ConvertDocument:
    """One item and the day's total against the limit, as ``convert --json`` prints it."""
    item = item_document(line, stack)
    return ConvertDocument(
        **msgspec.structs.asdict(item),
        ul_supplemental_mg=stack.ul_supplemental_mg,
        status=stack.status,
        over_ul=stack.over_ul,
    )


def stack_document(stack: Stack) -> StackDocument:
    """The stack as ``--json`` prints it."""
    return StackDocument(
        items=[item_document(line, stack) for line in stack.lines],
        total_elemental_mg=round(stack.total_elemental_mg, 1),
        ul_supplemental_mg=stack.ul_supplemental_mg,
        status=stack.status,
        over_ul=stack.over_ul,
        unit=dosing.TARGET_UNIT,
    )


def _over_by(total: float, limit: int | None) -> float | None:
    return total - limit if limit is not None and dosing.limit_status(total, limit) == "over" else None


def _share(total: float, limit: int | None) -> float | None:
    return total / limit if limit else None


def stack_answer(
    data: Catalog, items: Sequence[Intake], age: float = dosing.ADULT_AGE, region: Region = DEFAULT_REGION
) -> StackAnswer:
    """``stack``: every item resolved and added up against the upper limit at this age."""
    found = stack(data, items, age, region)
    share = _share(found.total_elemental_mg, found.ul_supplemental_mg)
    shares = [found.share(line) for line in found.lines]
    return StackAnswer(json=stack_document(found), stack=found, share_of_ul=share, shares=shares)


def form_conversion(conversion: dosing.Conversion) -> FormConversion:
    """A form's conversion as ``convert --json`` prints it."""
    return FormConversion(
        form=conversion.form.id,
        compound_mg=round(conversion.compound_mg, 1),
        elemental_mg=round(conversion.elemental_mg, 1),
        elemental_percent=conversion.form.elemental_percent,
        times=conversion.times,
        per_day_elemental_mg=round(conversion.per_day_elemental_mg, 1),
        ul_supplemental_mg=conversion.ul_supplemental_mg,
        over_ul=conversion.over_ul,
        region=str(conversion.upper.region),
        upper_limit=dosing.upper_document(conversion.upper),
        mmol=round(mmol(conversion.elemental_mg), 2),
        meq=round(meq(conversion.elemental_mg), 2),
        status=conversion.status,
        basis_stated=conversion.basis_stated,
    )


def convert(
    data: Catalog,
    item: Intake,
    age: float = dosing.ADULT_AGE,
    region: Region = DEFAULT_REGION,
    *,
    elemental: bool = False,
    show_units: bool = False,
) -> ConvertAnswer:
    """``convert``: one item's elemental magnesium and its day's total against the upper limit.

    Milligrams of a form are converted both ways (``elemental``: the amount is magnesium itself,
    the compound that gives it is worked out); a product, a measure or magnesium itself is
    counted as ``stack`` counts it. ``show_units`` asks the text for mmol and mEq, which the
    document holds either way."""
    found = stack(data, [item], age, region)
    line = found.lines[0]
    conversion = None
    form_mass = line.kind == "form" and line.form is not None and item.mass is not None
    if form_mass and line.form is not None and item.mass is not None and not line.units_per_dose:
        conversion = dosing.convert(
            data, line.form, item.mass.mg, elemental=item.mass.basis is Basis.ELEMENTAL,
            times=item.times, age=age, region=region, basis_stated=item.basis_stated or elemental,
        )  # fmt: skip
    limit = found.ul_supplemental_mg
    if conversion is None:
        document: FormConversion | ConvertDocument = convert_line_document(line, found)
        total = line.per_day_elemental_mg
        if_elemental = None
    else:
        document = form_conversion(conversion)
        total = conversion.per_day_elemental_mg
        limit = conversion.ul_supplemental_mg
        if_elemental = None if conversion.basis_stated else conversion.compound_mg * conversion.times
    return ConvertAnswer(
        json=document,
        stack=found,
        conversion=conversion,
        show_units=show_units,
        share_of_ul=_share(total, limit),
        over_by_mg=total - limit
        if limit is not None and dosing.limit_status(total, limit) == "over"
        else None,
        if_elemental_mg=if_elemental,
        if_elemental_share=None if if_elemental is None else _share(if_elemental, limit),
    )
