"""Views of products, the daily stack, label readings and blood results: a document and JSON each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magref.dosing import LimitStatus
from magref.intake import Basis, ConvertAnswer, Line, StackAnswer
from magref.model import Product, Source
from magref.render import phrases
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Fields, Heading, Paragraph, Table
from magref.render.document import Line as Bar
from magref.render.dosing_views import UL_MEANING, conversion_document, share_text, ul_text
from magref.render.dosing_views import bar as dosing_bar
from magref.render.phrases import BASIS_NOT_SAID
from magref.render.phrases import units as _units
from magref.render.views import cite, mg, source_line

if TYPE_CHECKING:
    from magref.doses import ProductsAnswer
    from magref.labels import LabelAnswer, LabelReading, Reading
    from magref.serum import LabAnswer

STATUS_WORDS: dict[LimitStatus, str] = {
    "over": "over the upper limit",
    "at_or_under": "at or under the upper limit",
    "no_limit": "no upper limit is set at this age",
}
REFERENCE_WORDS = {
    "us-dv": "the US Daily Value of 420 mg (since 2016)",
    "us-dv-before-2016": "the old US Daily Value of 400 mg (before 2016)",
    "eu-nrv": "the EU/UK Nutrient Reference Value of 375 mg",
}
FITS_SEVERAL = "the name fits several strengths: counted as"
MOST = "the one with the most magnesium"
ASSUMED = f"{FITS_SEVERAL} {MOST}"
OVER_LABEL = "more than the label's daily maximum"
OVER_COURSE = "more than the label's whole course"
COURSE = (
    "a bowel preparation: the label's dose is one whole course before a procedure, not a daily "
    "amount, and all of its magnesium is counted"
)


def assumed_text(line: Line) -> str:
    """Which strength a name that fits several was counted as, and the others it may mean."""
    product = line.product
    if product is None or not line.others:
        return ASSUMED
    text = f"{FITS_SEVERAL} {product.name}, {per_text(product)}, {MOST}"
    others = "; ".join(f"{other.name}, {per_text(other)}" for other in line.others)
    return f"{text}. Also sold: {others}. Name yours to count it"


def per_text(product: Product) -> str:
    basis = "from the label" if product.basis == "label" else "worked out from the label"
    return f"{mg(product.elemental_mg)} elemental per {_units(product.per, product.unit)} ({basis})"


def products_document(answer: ProductsAnswer) -> Document:
    products = answer.products
    rows = [
        [Cell(p.id), Cell(p.region), Cell(per_text(p)), Cell(_max_text(p, most))]
        for p, most in zip(products, answer.max_elemental_mg, strict=True)
    ]
    legend = "Milligrams are of elemental magnesium. More: magref products ID"
    return [
        Heading(f"Products that carry magnesium ({len(products)})"),
        Table(["Id", "Region", "Magnesium", "Label maximum"], rows, legend),
    ]


def _max_text(product: Product, most: float | None) -> str:
    """The label's maximum in units and as ``most`` mg of elemental magnesium."""
    if product.max_daily is None or most is None:
        return "not given"
    span = "in the whole course" if product.course else "a day"
    return f"{_units(product.max_daily, product.unit)} {span} = {mg(most)} elemental"


def product_document(
    product: Product,
    most: float | None,
    sources: Sequence[Source],
    others: Sequence[Product] = (),
    extra: Document | None = None,
) -> Document:
    """One product's label figures, then ``extra`` (its doses by age) before the sources."""
    rows = [
        ("Region", Cell(product.region)),
        ("For", Cell(", ".join(product.purposes))),
        ("Form", Cell(product.form or "not one of magref's forms")),
        ("Magnesium", Cell(per_text(product))),
    ]
    if product.compound_mg is not None:
        compound = (
            f"{mg(product.compound_mg)} of magnesium {product.form} per {_units(product.per, product.unit)}"
        )
        rows.append(("Compound", Cell(f"{compound} (compound weight)")))
    rows.append(("Label course" if product.course else "Label maximum", Cell(_max_text(product, most))))
    rows.append(("Use", Cell(f"{product.use} {cite(product.sources)}")))
    if product.course:
        rows.append(("Counted as", Cell(COURSE)))
    if product.note:
        rows.append(("Note", Cell(product.note)))
    if others:
        names = ", ".join(f"'{alias}'" for alias in product.ambiguous_aliases)
        listed = "; ".join(f"{other.name} ({other.id}), {per_text(other)}" for other in others)
        rows.append(("Other strengths", Cell(f"{names} may also mean: {listed}")))
    if product.aliases:
        rows.append(("Also called", Cell(", ".join(product.aliases))))
    return [
        Heading(product.name),
        Fields(rows),
        *(extra or []),
        Heading("Sources", 2),
        Bullets([Cell(source_line(s)) for s in sources]),
        Paragraph(DISCLAIMER, "muted"),
    ]


# -- the stack ------------------------------------------------------------------------------------


UNLISTED_PRODUCT = "a product magref does not hold: counted as the elemental magnesium given"


def describe(line: Line) -> str:
    """What one item is, in words: '2 tablets of Rolaids Ultra Strength (85 mg elemental each)'."""
    if line.kind == "magnesium" and line.unlisted:
        return f"{mg(line.elemental_mg)} of elemental magnesium in {line.unlisted} ({UNLISTED_PRODUCT})"
    if line.kind == "magnesium":
        return f"{mg(line.elemental_mg)} of elemental magnesium" + _stated(line)
    if line.product is not None:
        assert line.units_per_dose is not None
        amount = _units(round(line.units_per_dose, 2), line.product.unit)
        measure = line.intake.measure
        if measure is not None and measure.unit == "bottle" and line.product.unit != "bottle":
            amount = f"{_units(measure.amount, 'bottle')} ({amount})"  # "1 bottle (296 mL)"
        return f"{amount} of {line.product.name}"
    assert line.form is not None and line.compound_mg is not None and line.intake.mass is not None
    name = line.form.name.lower()
    each = f"{line.units_per_dose:g} x " if line.units_per_dose else ""
    if line.ambiguous and line.other_elemental_mg is not None:
        text = f"{each}{mg(line.intake.mass.mg)} of {name}, {BASIS_NOT_SAID}"
        return f"{text} ({mg(line.other_elemental_mg)} if it is the compound's weight)"
    if line.intake.mass.basis is Basis.ELEMENTAL:
        text = f"{each}{mg(line.intake.mass.mg)} of elemental magnesium as {name}"
        return f"{text} ({mg(line.compound_mg)} compound)"
    text = f"{each}{mg(line.intake.mass.mg)} of {name} (compound)"
    return f"{text}, {mg(line.compound_mg)} in all" if each else text


def _stated(line: Line) -> str:
    """Magnesium given in mmol or mEq, said back in the unit given."""
    mass, amount = line.intake.mass, line.stated_amount
    if mass is None or amount is None:
        return ""
    return f" ({amount:.3g} {'mmol' if mass.stated == 'mmol' else 'mEq'})"


def bar(total: float, ul: int | None, status: LimitStatus) -> Bar:
    return share_bar(total / (ul or 1), status)


def share_bar(share: float, status: LimitStatus) -> Bar:
    """A day's elemental total as a ``share`` of the upper limit, as a bar."""
    return dosing_bar(share, status == "over")


def verdict(total: float, ul: int | None, status: LimitStatus) -> Paragraph:
    if ul is None:
        return Paragraph(phrases.NO_UPPER_LIMIT, "over")
    if status == "over":
        return Paragraph(phrases.over_limit_by(mg(total - ul)), "over")
    return Paragraph(phrases.within_limit(ul), "ok")


def line_notes(line: Line) -> list[str]:
    """What a reader must know about an item besides its figure: which strength a plain name was
    counted as, and that a bowel preparation is a whole course."""
    notes = []
    if line.intake.when:
        notes.append(f"taken {', '.join(line.intake.when)}")  # read, and shown back: "in water"
    if line.assumed_strength:
        notes.append(assumed_text(line))
    if line.product is not None and line.product.course:
        notes.append(COURSE)
    return notes


def item_text(line: Line, share: float | None) -> str:
    """One item, its day's elemental magnesium and its ``share`` of the upper limit."""
    text = describe(line)
    if line.times > 1:
        text += f" x{line.times}"
    text += f" = {mg(line.per_day_elemental_mg)} elemental a day"
    if share is not None:
        text += f", {100 * share:.0f}% of the upper limit"
    notes = line_notes(line)
    if line.over_label_maximum and line.product is not None and line.product.max_daily is not None:
        over = OVER_COURSE if line.product.course else OVER_LABEL
        notes.append(f"{over} ({_units(line.product.max_daily, line.product.unit)})")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def stack_body(answer: StackAnswer) -> Document:
    stack = answer.stack
    total = stack.total_elemental_mg
    rows = [
        (f"Item {i}", Cell(item_text(line, share), "over" if line.over_label_maximum else ""))
        for i, (line, share) in enumerate(zip(stack.lines, answer.shares, strict=True), 1)
    ]
    rows.append(("Total", Cell(f"{mg(total)} elemental a day", "over" if stack.over_ul else "")))
    rows.append(("Upper limit", Cell(f"{ul_text(stack.ul_supplemental_mg)} a day: {UL_MEANING}")))
    doc: Document = [Fields(rows)]
    ul = stack.ul_supplemental_mg
    if ul and answer.share_of_ul is not None:
        doc += [
            share_bar(answer.share_of_ul, stack.status),
            Paragraph(share_text(total, ul, answer.share_of_ul)),
        ]
    doc.append(verdict(total, ul, stack.status))
    return doc


def stack_document(answer: StackAnswer) -> Document:
    title = "Magnesium taken in a day (elemental)"
    return [Heading(title), *stack_body(answer), Paragraph(DISCLAIMER, "muted")]


def convert_document(answer: ConvertAnswer) -> Document:
    """``convert``: a form's milligrams both ways, or the item as ``stack`` counts it."""
    if answer.conversion is not None:
        return conversion_document(answer)
    return line_document(answer)


def line_document(answer: ConvertAnswer) -> Document:
    """One item from ``convert`` that is a product, a measure or magnesium itself."""
    stack = answer.stack
    line = stack.lines[0]
    rows = [("Item", Cell(describe(line)))]
    if line.product is not None:
        rows.append(("Label figure", Cell(per_text(line.product))))
        if line.compound_mg is not None and line.form is not None:
            rows.append(
                ("Compound", Cell(f"{mg(line.compound_mg)} of {line.form.name.lower()} (compound weight)"))
            )
    rows.append(("Elemental", Cell(f"{mg(line.elemental_mg)} of elemental magnesium")))
    if answer.show_units:
        item = answer.json
        rows.append(("In mmol and mEq", Cell(f"{item.mmol:.2f} mmol = {item.meq:.2f} mEq")))
    if line.times > 1:
        rows.append((f"Per day (x{line.times})", Cell(f"{mg(line.per_day_elemental_mg)} elemental")))
    rows.append(("Upper limit", Cell(f"{ul_text(stack.ul_supplemental_mg)} a day: {UL_MEANING}")))
    if line.assumed_strength:
        rows.append(("Note", Cell(assumed_text(line))))
    if line.product is not None and line.product.course:
        rows.append(("Counted as", Cell(COURSE)))
    if line.over_label_maximum and line.product is not None and line.product.max_daily is not None:
        most = _units(line.product.max_daily, line.product.unit)
        over = f"{OVER_COURSE}: {most}" if line.product.course else f"{OVER_LABEL}: {most} a day"
        rows.append(("Label course" if line.product.course else "Label maximum", Cell(over, "over")))
    doc: Document = [Heading(describe(line)), Fields(rows)]
    total, ul = line.per_day_elemental_mg, stack.ul_supplemental_mg
    if ul and answer.share_of_ul is not None:
        doc += [
            share_bar(answer.share_of_ul, stack.status),
            Paragraph(share_text(total, ul, answer.share_of_ul)),
        ]
    doc += [verdict(total, ul, stack.status), Paragraph(DISCLAIMER, "muted")]
    return doc


# -- labels ---------------------------------------------------------------------------------------


def _reading_text(reading: Reading, found: LabelReading) -> str:
    portion = f" per {found.portion}" if found.portion else ""
    compound_name = (
        f"magnesium {found.compounds[0].word}" if len(found.compounds) == 1 else "the magnesium compound"
    )
    if reading.basis is Basis.ELEMENTAL:
        text = f"{mg(reading.elemental_mg or 0)} of elemental magnesium{portion}"
        if reading.compound_mg is not None:
            text += f", from about {mg(reading.compound_mg)} of {compound_name} (compound weight)"
    else:
        text = f"{mg(reading.compound_mg or 0)} of {compound_name} (compound weight){portion}"
        if reading.elemental_mg is not None:
            text += f", about {mg(reading.elemental_mg)} of elemental magnesium"
        else:
            text += ": magref has no % magnesium for this compound, so the elemental amount is unknown"
    if reading.status is not None and reading.status != "no_limit":
        text += f"; {STATUS_WORDS[reading.status]}"
    return text


#: What a serving-size line says about magnesium.
SERVING_LINE = (
    "not named on this line: it sets the serving that the panel's lines after it are per; "
    "give the line that names magnesium and its amount"
)
#: Where a label's region came from.
REGION_FROM = {
    "given": "as given",
    "line": "read from the line's % NRV or % DV",
    "default": "the default; give --region for another",
}


def label_document(answer: LabelAnswer) -> Document:
    found = answer.reading
    if found.serving is not None:
        serving = [("Reads as", Cell(f"a serving size: {found.serving}")), ("Magnesium", Cell(SERVING_LINE))]
        return [Heading(f"Label: {found.text}"), Fields(serving), Paragraph(DISCLAIMER, "muted")]
    rows: list[tuple[str, Cell]] = []
    if found.compounds:
        words = ", ".join(
            c.word + ("" if c.form else " (not one of magref's forms)") for c in found.compounds
        )
        rows.append(("Compound" + ("s (a blend)" if found.blend else ""), Cell(words)))
    else:
        rows.append(("Compound", Cell("not named")))
    if found.ambiguous:
        rows.append(
            (
                "Reading",
                Cell(
                    "ambiguous: the line names a compound and an amount but not which one the amount is of",
                    "warning",
                ),
            )
        )
        for reading in found.readings:
            label = "If compound" if reading.basis is Basis.COMPOUND else "If elemental"
            rows.append((label, Cell(_reading_text(reading, found))))
    else:
        rows.append(
            (
                "Reads as",
                Cell(
                    _reading_text(found.readings[0], found),
                    "over" if found.readings[0].status == "over" else "",
                ),
            )
        )
    if found.mmol is not None:
        check = found.mmol
        text = f"{check.mmol:g} mmol x 24.305 = {check.computed_mg:.1f} mg elemental"
        if check.check == "consistent":
            text += f"; matches the {check.stated_mg:g} mg printed"
        elif check.check == "inconsistent":
            text += f"; the label prints {check.stated_mg:g} mg, which does not match"
        rows.append(("mmol check", Cell(text, "warning" if check.check == "inconsistent" else "")))
    if found.pair is not None and found.pair.computed_mg is not None:
        pair = found.pair
        name = found.compounds[0].word
        compound = f"{mg(pair.compound_mg)} of magnesium {name} (compound weight)"
        text = f"{compound} gives {pair.computed_mg:.1f} mg elemental"
        if pair.check == "consistent":
            text += f"; matches the {pair.stated_elemental_mg:g} mg printed"
        else:
            text += (
                f"; the label prints {pair.stated_elemental_mg:g} mg, which does not match: check the label"
            )
        rows.append(("Compound check", Cell(text, "warning" if pair.check == "inconsistent" else "")))
    if found.percent is not None:
        rows.append(("% check", Cell(_percent_text(found), "" if found.percent.matches else "warning")))
    if found.other_nutrients:
        rows.append(("Also on the line", Cell(", ".join(f"{n} {v:g} mg" for n, v in found.other_nutrients))))
    rows.append(("Upper limit", Cell(f"{ul_text(found.ul_supplemental_mg)} a day: {UL_MEANING}")))
    rows.append(("Region", Cell(f"{found.region.value} ({REGION_FROM[found.region_from]})")))
    doc: Document = [Heading(f"Label: {found.text}"), Fields(rows)]
    if found.ambiguous:
        doc.append(
            Paragraph(
                "A product title is not enough: read the Supplement Facts or ingredient panel, "
                "which gives the magnesium itself.",
                "warning",
            )
        )
    doc.append(Paragraph(DISCLAIMER, "muted"))
    return doc


def _percent_text(found: LabelReading) -> str:
    check = found.percent
    assert check is not None
    if not check.matches:
        return f"{check.percent:g}% does not fit 420, 400 or 375 mg for this amount: check the panel"
    fits = " or ".join(REFERENCE_WORDS[m] for m in check.matches)
    text = f"{check.percent:g}% fits {fits}"
    if check.matches == ["us-dv-before-2016"]:
        text += ": an old label"
    return text


# -- blood results --------------------------------------------------------------------------------


def lab_document(answer: LabAnswer) -> Document:
    from magref.serum import PRINTED  # a constant; imported here, as serum is only needed for lab

    result = answer.json
    found = result.range
    words = {"low": "low", "within": "within the range", "high": "high"}
    style = "" if result.status == "within" else "warning"
    span = f"{found.low:g} to {found.high:g} {found.unit}"
    named = (
        "the range printed on your report" if found.id == PRINTED else f"{found.name} {cite(found.sources)}"
    )
    if result.region_range == "own":
        named += f", the usual range for region {result.region}"
    every = ", ".join(f"{level.value:.2f} {level.unit}" for level in answer.levels)
    rows = [
        ("Result", Cell(f"{result.value:g} {result.unit} = {every}")),
        ("Range", Cell(f"{span}: {named}")),
        ("Reading", Cell(words[result.status], style)),
    ]
    if result.mark is not None:
        said = f"{result.mark}, as this range reads it too"
        if answer.mark_differs:
            said = f"{result.mark}: it differs from the reading above, so ask which range applies"
        rows.append(("Report's mark", Cell(said, "warning" if answer.mark_differs else "")))
    if result.region_range == "default":
        missing = f"magref holds no laboratory range for region {result.region}; the default is used"
        rows.append(("Region", Cell(missing)))
    if found.note:
        rows.append(("About the range", Cell(found.note)))
    doc: Document = [Heading(f"Blood magnesium {result.value:g} {result.unit}"), Fields(rows)]
    items = []
    for threshold in result.thresholds:
        mark = "REACHED: " if threshold.reached else ""
        level = f"{threshold.direction} {threshold.value:g} {threshold.unit}"
        items.append(
            Cell(f"{mark}{level}: {threshold.text} {cite(threshold.sources)}", "over" if mark else "")
        )
    doc += [Heading("Levels tied to symptoms", 2), Bullets(items)]
    doc.append(
        Paragraph("Laboratories set their own ranges: the one printed on your report comes first.", "muted")
    )
    doc += [
        Heading("Sources", 2),
        Bullets([Cell(source_line(s)) for s in answer.sources]),
        Paragraph(DISCLAIMER, "muted"),
    ]
    return doc
