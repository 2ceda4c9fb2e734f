"""Views of products, the daily stack, label readings and blood results: a document and JSON each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magref.dosing import LimitStatus
from magref.intake import Basis, Line, Stack, meq, mmol
from magref.model import Product, Source
from magref.render.document import DISCLAIMER, Bullets, Cell, Document, Fields, Heading, Paragraph, Table
from magref.render.document import Line as Bar
from magref.render.dosing_views import BAR_WIDTH, UL_MEANING, ul_text
from magref.render.phrases import BASIS_NOT_SAID
from magref.render.phrases import units as _units
from magref.render.views import cite, mg, source_line

if TYPE_CHECKING:
    from magref.labels import LabelReading, Reading
    from magref.render import contract
    from magref.serum import Result

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
ASSUMED = "the name fits several strengths: counted as the one with the most magnesium"
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
    each = product.elemental_mg / product.per
    understates = any(
        other.unit == product.unit and other.elemental_mg / other.per > each for other in line.others
    )
    text = f"the name fits several strengths: counted as {product.name}, {per_text(product)}"
    text += "; yours may hold more" if understates else ", the one with the most magnesium"
    others = "; ".join(f"{other.name}, {per_text(other)}" for other in line.others)
    return f"{text}. Also sold: {others}. Name yours to count it"


def product_json(product: Product) -> contract.ProductDocument:
    return {
        "id": product.id,
        "name": product.name,
        "aliases": product.aliases,
        "ambiguous_aliases": product.ambiguous_aliases,
        "other_strengths": product.other_strengths,
        "region": product.region,
        "purposes": product.purposes,
        "form": product.form,
        "unit": product.unit,
        "per": product.per,
        "compound_mg": product.compound_mg,
        "elemental_mg": product.elemental_mg,
        "basis": product.basis,
        "max_daily": product.max_daily,
        "max_daily_elemental_mg": None if product.max_daily is None else round(max_elemental(product), 1),
        "course": product.course,
        "use": product.use,
        "note": product.note,
        "age_doses": [
            {
                "from_age": band.from_age,
                "below_age": band.below_age,
                "advice": band.advice,
                "low": band.low,
                "high": band.high,
                "max_daily": band.max_daily,
                "sources": band.sources,
            }
            for band in product.age_doses
        ],
        "sources": product.sources,
    }


def max_elemental(product: Product) -> float:
    return (product.max_daily or 0) / product.per * product.elemental_mg


def products_json(products: Sequence[Product]) -> contract.ProductsDocument:
    return {"items": [product_json(p) for p in products]}


def per_text(product: Product) -> str:
    basis = "from the label" if product.basis == "label" else "worked out from the label"
    return f"{mg(product.elemental_mg)} elemental per {_units(product.per, product.unit)} ({basis})"


def products_document(products: Sequence[Product]) -> Document:
    rows = [[Cell(p.id), Cell(p.region), Cell(per_text(p)), Cell(_max_text(p))] for p in products]
    legend = "Milligrams are of elemental magnesium. More: magref products ID"
    return [
        Heading(f"Products that carry magnesium ({len(products)})"),
        Table(["Id", "Region", "Magnesium", "Label maximum"], rows, legend),
    ]


def _max_text(product: Product) -> str:
    if product.max_daily is None:
        return "not given"
    span = "in the whole course" if product.course else "a day"
    return f"{_units(product.max_daily, product.unit)} {span} = {mg(max_elemental(product))} elemental"


def product_document(
    product: Product,
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
    rows.append(("Label course" if product.course else "Label maximum", Cell(_max_text(product))))
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


def line_json(line: Line, stack: Stack | None = None) -> contract.ItemDocument:
    share = stack.share(line) if stack else None
    return {
        "item": line.intake.text,
        "kind": line.kind,
        "form": line.form.id if line.form else None,
        "product": line.product.id if line.product else None,
        "quantity": None if line.units_per_dose is None else round(line.units_per_dose, 2),
        "quantity_unit": line.product.unit
        if line.product
        else None
        if line.units_per_dose is None
        else "unit",
        "compound_mg": None if line.compound_mg is None else round(line.compound_mg, 1),
        "elemental_mg": round(line.elemental_mg, 1),
        "elemental_percent": line.form.elemental_percent if line.form and line.kind == "form" else None,
        "mmol": round(mmol(line.elemental_mg), 2),
        "meq": round(meq(line.elemental_mg), 2),
        "times": line.times,
        "per_day_elemental_mg": round(line.per_day_elemental_mg, 1),
        "share_of_ul": None if share is None else round(share, 3),
        "over_label_maximum": line.over_label_maximum,
        "assumed_strength": line.assumed_strength,
        "basis_stated": not line.ambiguous,
        "other_elemental_mg": None if line.other_elemental_mg is None else round(line.other_elemental_mg, 1),
        "when": line.intake.when,
        "other_strengths": [other.id for other in line.others],
        "course": line.product is not None and line.product.course,
        "unlisted": line.unlisted,
    }


def stack_json(stack: Stack) -> contract.StackDocument:
    return {
        "items": [line_json(line, stack) for line in stack.lines],
        "total_elemental_mg": round(stack.total_elemental_mg, 1),
        "ul_supplemental_mg": stack.ul_supplemental_mg,
        "status": stack.status,
        "over_ul": stack.over_ul,
        "unit": "mg elemental magnesium per day",
    }


UNLISTED_PRODUCT = "a product magref does not hold: counted as the elemental magnesium given"


def describe(line: Line) -> str:
    """What one item is, in words: '2 tablets of Rolaids Ultra Strength (85 mg elemental each)'."""
    if line.kind == "magnesium" and line.unlisted:
        return f"{mg(line.elemental_mg)} of elemental magnesium in {line.unlisted} ({UNLISTED_PRODUCT})"
    if line.kind == "magnesium":
        return f"{mg(line.elemental_mg)} of elemental magnesium" + _stated(line)
    if line.product is not None:
        assert line.units_per_dose is not None
        return f"{_units(round(line.units_per_dose, 2), line.product.unit)} of {line.product.name}"
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
    mass = line.intake.mass
    if mass is None or mass.stated is None:
        return ""
    if mass.stated == "mmol":
        return f" ({mmol(line.elemental_mg):.3g} mmol)"
    return f" ({meq(line.elemental_mg):.3g} mEq)"


def bar(total: float, ul: int | None, status: LimitStatus) -> Bar:
    limit = ul or 1
    filled = min(BAR_WIDTH, round(BAR_WIDTH * total / limit))
    style = "over" if status == "over" else "ok"
    return Bar([("[", ""), ("#" * filled, style), ("." * (BAR_WIDTH - filled), "muted"), ("]", "")])


def verdict(total: float, ul: int | None, status: LimitStatus) -> Paragraph:
    if ul is None:
        return Paragraph(
            "No upper limit for supplements is set at this age: only on a doctor's advice.", "over"
        )
    if status == "over":
        text = (
            f"Over the upper limit for supplements by {mg(total - ul)} elemental a day: ask a doctor first."
        )
        return Paragraph(text, "over")
    return Paragraph(f"At or under the upper limit for supplements ({ul} mg elemental a day).", "ok")


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


def item_text(line: Line, stack: Stack) -> str:
    text = describe(line)
    if line.times > 1:
        text += f" x{line.times}"
    text += f" = {mg(line.per_day_elemental_mg)} elemental a day"
    share = stack.share(line)
    if share is not None:
        text += f", {100 * share:.0f}% of the upper limit"
    notes = line_notes(line)
    if line.over_label_maximum and line.product is not None and line.product.max_daily is not None:
        over = OVER_COURSE if line.product.course else OVER_LABEL
        notes.append(f"{over} ({_units(line.product.max_daily, line.product.unit)})")
    return text + (f" ({'; '.join(notes)})" if notes else "")


def stack_body(stack: Stack) -> Document:
    total = stack.total_elemental_mg
    rows = [
        (f"Item {i}", Cell(item_text(line, stack), "over" if line.over_label_maximum else ""))
        for i, line in enumerate(stack.lines, 1)
    ]
    rows.append(("Total", Cell(f"{mg(total)} elemental a day", "over" if stack.over_ul else "")))
    rows.append(("Upper limit", Cell(f"{ul_text(stack.ul_supplemental_mg)} a day: {UL_MEANING}")))
    doc: Document = [Fields(rows)]
    ul = stack.ul_supplemental_mg
    if ul:
        doc += [
            bar(total, ul, stack.status),
            Paragraph(f"{mg(total)} of {ul} mg elemental a day: {100 * total / ul:.0f}% of the upper limit"),
        ]
    doc.append(verdict(total, ul, stack.status))
    return doc


def stack_document(stack: Stack) -> Document:
    title = "Magnesium taken in a day (elemental)"
    return [Heading(title), *stack_body(stack), Paragraph(DISCLAIMER, "muted")]


def line_document(line: Line, stack: Stack, show_units: bool) -> Document:
    """One item from ``convert`` that is a product or magnesium itself."""
    rows = [("Item", Cell(describe(line)))]
    if line.product is not None:
        rows.append(("Label figure", Cell(per_text(line.product))))
        if line.compound_mg is not None and line.form is not None:
            rows.append(
                ("Compound", Cell(f"{mg(line.compound_mg)} of {line.form.name.lower()} (compound weight)"))
            )
    rows.append(("Elemental", Cell(f"{mg(line.elemental_mg)} of elemental magnesium")))
    if show_units:
        rows.append(
            (
                "In mmol and mEq",
                Cell(f"{mmol(line.elemental_mg):.2f} mmol = {meq(line.elemental_mg):.2f} mEq"),
            )
        )
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
    if ul:
        doc += [
            bar(total, ul, stack.status),
            Paragraph(f"{mg(total)} of {ul} mg elemental a day: {100 * total / ul:.0f}% of the upper limit"),
        ]
    doc += [verdict(total, ul, stack.status), Paragraph(DISCLAIMER, "muted")]
    return doc


def convert_line_json(line: Line, stack: Stack) -> contract.ConvertDocument:
    return {
        **line_json(line, stack),
        "ul_supplemental_mg": stack.ul_supplemental_mg,
        "status": stack.status,
        "over_ul": stack.over_ul,
    }


# -- labels ---------------------------------------------------------------------------------------


def reading_json(reading: Reading) -> contract.ReadingDocument:
    return {
        "basis": reading.basis.value,
        "elemental_mg": None if reading.elemental_mg is None else round(reading.elemental_mg, 1),
        "compound_mg": None if reading.compound_mg is None else round(reading.compound_mg, 1),
        "status": reading.status,
    }


def label_json(found: LabelReading) -> contract.LabelDocument:
    from magref.labels import REFERENCES

    return {
        "text": found.text,
        "compounds": [{"word": c.word, "form": c.form.id if c.form else None} for c in found.compounds],
        "blend": found.blend,
        "ambiguous": found.ambiguous,
        "readings": [reading_json(r) for r in found.readings],
        "portion": found.portion,
        "mmol": None if found.mmol is None else {
            "mmol": found.mmol.mmol,
            "stated_mg": found.mmol.stated_mg,
            "computed_mg": round(found.mmol.computed_mg, 2),
            "check": found.mmol.check,
        },
        "percent": None if found.percent is None else {
            "percent": found.percent.percent,
            "stated_reference": found.percent.stated_reference,
            "matches": [{"id": m, "mg": REFERENCES[m]} for m in found.percent.matches],
        },
        "other_nutrients": [{"name": n, "mg": v} for n, v in found.other_nutrients],
        "ul_supplemental_mg": found.ul_supplemental_mg,
        "region": found.region.value,
        "region_from": found.region_from,
        "serving": found.serving,
        "compound_check": None if found.pair is None else {
            "compound_mg": found.pair.compound_mg,
            "stated_elemental_mg": found.pair.stated_elemental_mg,
            "computed_mg": None if found.pair.computed_mg is None else round(found.pair.computed_mg, 1),
            "check": found.pair.check,
        },
    }  # fmt: skip


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


def label_document(found: LabelReading) -> Document:
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


def lab_json(result: Result, sources: Sequence[Source]) -> contract.LabDocument:
    found = result.range
    return {
        "value": result.value,
        "unit": result.unit,
        "mmol_per_l": round(result.mmol_per_l, 3),
        "mg_per_dl": round(result.mg_per_dl, 2),
        "meq_per_l": round(result.meq_per_l, 2),
        "status": result.status,
        "range": {
            "id": found.id,
            "name": found.name,
            "low": found.low,
            "high": found.high,
            "unit": found.unit,
            "note": found.note,
            "sources": found.sources,
        },
        "region": str(result.region) if result.region else None,
        "region_range": result.region_choice,
        "mark": result.mark,
        "thresholds": [
            {
                "value": t.value,
                "unit": t.unit,
                "direction": t.direction,
                "reached": t in result.reached,
                "text": t.text,
                "sources": t.sources,
            }
            for t in result.thresholds
        ],
        "sources": [s.id for s in sources],
    }


def _in_every_unit(mmol_per_l: float) -> str:
    from magref.serum import UNITS, from_mmol

    return ", ".join(f"{from_mmol(mmol_per_l, unit):.2f} {unit}" for unit in UNITS)


def lab_document(result: Result, sources: Sequence[Source]) -> Document:
    from magref.serum import PRINTED

    found = result.range
    words = {"low": "low", "within": "within the range", "high": "high"}
    style = "" if result.status == "within" else "warning"
    span = f"{found.low:g} to {found.high:g} {found.unit}"
    named = (
        "the range printed on your report" if found.id == PRINTED else f"{found.name} {cite(found.sources)}"
    )
    if result.region_choice == "own":
        named += f", the usual range for region {result.region}"
    rows = [
        ("Result", Cell(f"{result.value:g} {result.unit} = {_in_every_unit(result.mmol_per_l)}")),
        ("Range", Cell(f"{span}: {named}")),
        ("Reading", Cell(words[result.status], style)),
    ]
    if result.mark is not None:
        said = f"{result.mark}, as this range reads it too"
        if result.mark_differs:
            said = f"{result.mark}: it differs from the reading above, so ask which range applies"
        rows.append(("Report's mark", Cell(said, "warning" if result.mark_differs else "")))
    if result.region_choice == "default":
        missing = f"magref holds no laboratory range for region {result.region}; the default is used"
        rows.append(("Region", Cell(missing)))
    if found.note:
        rows.append(("About the range", Cell(found.note)))
    doc: Document = [Heading(f"Blood magnesium {result.value:g} {result.unit}"), Fields(rows)]
    items = []
    for threshold in result.thresholds:
        mark = "REACHED: " if threshold in result.reached else ""
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
        Bullets([Cell(source_line(s)) for s in sources]),
        Paragraph(DISCLAIMER, "muted"),
    ]
    return doc
