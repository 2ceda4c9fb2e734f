"""Views of doses beyond a supplement's: a label's dose by age, and the doses studied for a use
against the upper limit. Words only: every figure comes from the core's answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from magref.doses import (
    DoseCheck,
    EvidenceAnswer,
    LabelDose,
    ProductAnswer,
    ProductAtAgeDocument,
    ProductDocument,
    UseDoses,
)
from magref.dosing import ADULT_AGE, UpperLimit
from magref.model import AgeDose
from magref.render import intake_views, phrases, views
from magref.render.document import Bullets, Cell, Document, Fields, Heading, Paragraph
from magref.render.dosing_views import counts_text, upper_text
from magref.render.views import cite, mg

if TYPE_CHECKING:
    from magref.check import Flag
    from magref.render import contract

#: A studied dose given other than by mouth, in a few words.
ROUTE_WORDS = {
    "intravenous": "given into a vein",
    "intramuscular": "given into a muscle",
    "topical": "put on the skin",
    "inhaled": "breathed in",
}
#: A studied dose against the upper limit, by the core's status.
STATUS_WORDS = {
    "over": "over the upper limit for supplements",
    "at-or-under": "within the upper limit for supplements",
    "no-limit": "no upper limit is set at this age to hold it against: only on a doctor's advice",
    "not-by-mouth": (
        "not taken by mouth, so the upper limit for supplements does not apply: a clinician gives it"
    ),
    "form-not-known": (
        "a compound weight of a form magref does not hold, so it is not held against the upper limit"
    ),
}
CLINICIAN = "take doses like these only with a doctor's advice"
#: An age flag's words when its label row is not at hand.
AGE_FLAG_WORDS = {
    "age-ask-a-doctor": "the label gives no dose at this age and says to ask a doctor.",
    "age-do-not-use": "the label advises against it at this age: ask a doctor.",
    "age-dose-not-given": "magref holds no dose from the label for this age: ask a pharmacist.",
}


# -- a label's dose by age ---------------------------------------------------------------------------


def age_span(band: AgeDose) -> str:
    """The ages a label's row covers: "under 6", "6 to 11", "12 and over"."""
    start, end = band.from_age, band.below_age
    if end is None:
        return f"{start:g} and over"
    if start == 0:
        return f"under {end:g}"
    if start == int(start) and end == int(end):
        return f"{start:g} to {end - 1:g}"
    return f"{start:g} to under {end:g}"


def _span(low: float | None, high: float | None, unit: str) -> str:
    if low is None or high is None:
        return ""
    if low == high:
        return phrases.units(high, unit)
    return f"{low:g} to {phrases.units(high, unit)}"


def _mg_span(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return mg(high) if low == high else f"{mg(low).removesuffix(' mg')} to {mg(high)}"


def row_text(row: LabelDose) -> str:
    """One row of a label's age table: its dose in units and elemental mg, or what it says instead."""
    if row.advice == "ask-a-doctor":
        return "no dose: the label says to ask a doctor"
    if row.advice == "do-not-use":
        return "the label advises against it"
    unit = row.product.unit
    text = f"{_span(row.low_units, row.high_units, unit)} a day = "
    text += f"{_mg_span(row.low_elemental_mg, row.high_elemental_mg)} elemental"
    if row.max_units is not None and row.max_units != row.high_units:
        text += f"; at most {phrases.units(row.max_units, unit)} in 24 hours"
    return text


def age_table(rows: Sequence[LabelDose]) -> Document:
    """The label's doses by age, when magref holds them."""
    if not rows:
        return []
    fields = [
        (f"Ages {age_span(row.band)}", Cell(f"{row_text(row)} {cite(row.sources)}"))
        for row in rows
        if row.band is not None
    ]
    return [Heading("Doses by age (from the label)", 2), Fields(fields)]


def label_dose_text(dose: LabelDose) -> str:
    """What the label says at the person's age, as one or two sentences."""
    who = phrases.age(dose.age)
    band, unit = dose.band, dose.product.unit
    if dose.advice == "none-given" and not dose.table_read:
        return (
            "magref holds no doses by age from this product's label: follow the label on your pack, "
            "or ask a pharmacist."
        )
    if band is None:
        return f"The label gives no dose at {who}: ask a doctor or pharmacist."
    ages = f"ages {age_span(band)}"
    if dose.advice == "ask-a-doctor":
        return f"At {who} the label gives no dose ({ages}): it says to ask a doctor."
    if dose.advice == "do-not-use":
        return f"At {who} the label advises against it ({ages}): ask a doctor."
    amount = _span(dose.low_units, dose.high_units, unit)
    elemental = _mg_span(dose.low_elemental_mg, dose.high_elemental_mg)
    text = f"At {who} the label's dose ({ages}) is {amount} a day, {elemental} of elemental magnesium"
    if dose.max_units is not None and dose.max_units != dose.high_units and dose.max_elemental_mg is not None:
        most = phrases.units(dose.max_units, unit)
        text += f"; at most {most} ({mg(dose.max_elemental_mg)} elemental) in 24 hours"
    return text + "."


def product_json(answer: ProductAnswer) -> ProductDocument | ProductAtAgeDocument:
    """``products NAME [--age N]``: the answer's document, its row at the age asked worded."""
    document = answer.json
    if answer.dose is None or not isinstance(document, ProductAtAgeDocument):
        return document
    worded = msgspec.structs.replace(document.at_age, message=label_dose_text(answer.dose))
    return msgspec.structs.replace(document, at_age=worded)


def product_document(answer: ProductAnswer) -> Document:
    extra = age_table(answer.rows)
    if answer.dose is not None:
        text = _cited(label_dose_text(answer.dose), answer.dose.sources)
        extra += [Heading(f"At {phrases.age(answer.dose.age)}", 2), Paragraph(text)]
    product = answer.product
    return intake_views.product_document(
        product, answer.max_elemental_mg, answer.sources, answer.others, extra
    )


def _cited(text: str, sources: Sequence[str]) -> str:
    return f"{text} {cite(sources)}" if sources else text


# -- the doses studied for a use ---------------------------------------------------------------------


def _amount(check: DoseCheck) -> str:
    dose = check.dose
    named = (check.form_name or "").lower()
    span = _mg_span(dose.low_mg, dose.high_mg)
    if dose.basis == "elemental":
        text = f"{span} of elemental magnesium a day" + (f" as {named}" if named else "")
    elif dose.basis == "compound":
        text = f"{span} of {named or 'the compound'} (compound weight) a day"
        if check.derived:
            text += (
                f", about {_mg_span(check.elemental_low_mg, check.elemental_high_mg)} of elemental magnesium"
            )
    else:
        text = f"{span} of {named or 'magnesium'} a day, not said whether elemental or compound weight"
    if dose.route != "oral":
        text += f", {ROUTE_WORDS.get(dose.route, dose.route)}"
    return text


def _verdict(check: DoseCheck, upper: UpperLimit) -> str:
    limit = f"{upper.mg} mg elemental a day" if upper.mg is not None else upper_text(upper)
    if check.status == "basis-not-stated":
        compound = check.compound_reading_high_mg
        other = (
            f"; as the compound's weight it would be about {mg(compound)} elemental"
            if compound is not None
            else ""
        )
        if check.over_if_elemental:
            return f"if elemental, over the upper limit for supplements ({limit}){other}"
        return f"read either way, within the upper limit for supplements ({limit}){other}"
    words = STATUS_WORDS[check.status]
    if check.status in ("over", "at-or-under"):
        return words.replace("supplements", f"supplements ({limit})", 1)
    return words


def studied_dose_text(check: DoseCheck, upper: UpperLimit) -> str:
    """One studied dose: the amount, how long, who, and how it stands against the limit."""
    dose = check.dose
    return (
        f"{phrases.capital(_amount(check)).removesuffix('.')} ({dose.duration}): {dose.who}. "
        f"{phrases.capital(_verdict(check, upper))} {cite(dose.sources)}"
    )


def use_doses_text(use: UseDoses) -> str:
    """The doses studied for a use summed up against the person's upper limit."""
    upper = use.upper
    who = "for adults" if use.age == ADULT_AGE else f"at {phrases.age(use.age)}"
    counts = counts_text(upper.counts, short=True)
    limit = f"{upper.region}: {upper_text(upper)} a day from {counts}, {upper.authority}"
    where = f"the upper limit {who} ({limit})"
    if not use.doses:
        return f"magref holds no doses studied for {use.use_name} yet."
    if use.needs_clinician:
        return f"Doses studied for {use.use_name} pass {where}: {CLINICIAN}."
    if all(check.status == "at-or-under" for check in use.doses):
        return f"Every dose studied for {use.use_name} is within {where}."
    return f"No dose studied for {use.use_name} is known to pass {where}; see each dose."


def use_doses_section(use: UseDoses, heading: str = "Doses studied") -> Document:
    doc: Document = [
        Heading(heading, 2),
        Paragraph(use_doses_text(use), "warning" if use.needs_clinician else ""),
    ]
    if use.doses:
        items = [
            Cell(f"{check.finding}: {studied_dose_text(check, use.upper)}", "over" if check.over else "")
            for check in use.doses
        ]
        doc.append(Bullets(items))
    return doc


def studied_dose_json(check: DoseCheck, upper: UpperLimit) -> contract.StudiedDoseDocument:
    dose = check.dose
    return {
        "finding": check.finding,
        "grade": check.grade,
        "low_mg": dose.low_mg,
        "high_mg": dose.high_mg,
        "basis": dose.basis,
        "form": dose.form,
        "route": dose.route,
        "duration": dose.duration,
        "who": dose.who,
        "sources": dose.sources,
        "elemental_low_mg": check.elemental_low_mg,
        "elemental_high_mg": check.elemental_high_mg,
        "elemental_derived": check.derived,
        "status": check.status,
        "over_if_elemental": check.over_if_elemental,
        "compound_reading_high_mg": check.compound_reading_high_mg,
        "message": studied_dose_text(check, upper),
    }


def use_doses_json(use: UseDoses) -> contract.UseDosesDocument:
    return {
        "id": use.use_id,
        "name": use.use_name,
        "grade": use.grade,
        "age_years": use.age,
        "region": str(use.upper.region),
        "upper_limit": use.upper_limit,
        "needs_clinician": use.needs_clinician,
        "doses": [studied_dose_json(check, use.upper) for check in use.doses],
        "message": use_doses_text(use),
    }


def evidence_json(answer: EvidenceAnswer) -> contract.UseEvidenceDocument:
    return {"items": [answer.use], "doses": use_doses_json(answer.doses)}


def evidence_document(answer: EvidenceAnswer) -> Document:
    studied = use_doses_section(answer.doses) if answer.doses.doses else []
    return views.evidence_document(answer.use, answer.sources, studied)


# -- flags of a check --------------------------------------------------------------------------------


def flag(found: Flag) -> str:
    """A check's flag about a label's dose by age or a use's studied doses, as a sentence."""
    if found.code == "studied-dose-over-limit":
        highest = found.figures.get("highest_elemental_mg", 0.0)
        limit = found.figures.get("upper_limit_mg", 0.0)
        return (
            f"{found.subject}: the doses studied (up to {mg(highest)} of elemental magnesium a day) pass "
            f"the upper limit for supplements ({limit:g} mg): {CLINICIAN}."
        )
    if found.label_dose is not None:
        text = label_dose_text(found.label_dose)
    else:
        text = AGE_FLAG_WORDS.get(found.code, "")
    if found.code == "over-age-dose":
        return f"'{found.subject}' is more than the label gives for this age. {text}"
    return f"'{found.subject}': {text}"
