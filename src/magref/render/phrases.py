"""The words for the core's facts: one phrase per idea, used by every view."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from magref.check import Flag
    from magref.errors import NotFound
    from magref.interactions import MatchedName, Relevance
    from magref.model import Concerns, FlagLevel, Source, Spacing
    from magref.plan import Dose, Note
    from magref.regimen import Regimen


def _opening(text: str) -> str:
    """The phrase opening a sentence: its first letter a capital."""
    return text[:1].upper() + text[1:]


#: Whom to ask about one's own situation: every safety sentence ends with it.
ASK = "ask a doctor or pharmacist"
#: The one sentence under every answer.
DISCLAIMER = f"A reference, not medical advice: {ASK} about your own situation."
#: The one sentence for what magref does not hold: its absence says nothing about safety.
NOT_LISTED_IS_NOT_SAFE = f"not being listed is not evidence of safety with magnesium: {ASK}"
#: The same for a medicine magref holds but has not checked against magnesium.
NOT_CHECKED_IS_NOT_SAFE = f"not being checked is not evidence of safety with magnesium: {ASK}"
NOT_LISTED = f"it is not in magref's dataset. {_opening(NOT_LISTED_IS_NOT_SAFE)}"
#: Under a list of what the dataset does not hold (medicines and conditions alike).
NOT_CHECKED = f"not in magref's dataset, so it was not checked. {_opening(NOT_LISTED_IS_NOT_SAFE)}"
#: A medicine the dataset holds (for its family) but has not checked against magnesium.
MEDICINE_NOT_CHECKED = "not checked: magref has not checked this medicine against magnesium. " + _opening(
    NOT_CHECKED_IS_NOT_SAFE
)
#: Under a family's members: the dataset does not hold every medicine of a family.
FAMILY_NOTE = (
    "Only the members magref holds are listed; any other medicine of this family has not been "
    f"checked, and {NOT_CHECKED_IS_NOT_SAFE}."
)
#: Under a list of every class of medicines.
UNLISTED_NOTE = f"A medicine not listed here has not been checked: {NOT_LISTED_IS_NOT_SAFE}."
#: Which magnesium products an interaction concerns, in a few words.
SHORT_CONCERNS = {
    "any-magnesium": "any magnesium product, a supplement capsule too",
    "antacids-laxatives": (
        "magnesium antacids and laxatives such as milk of magnesia, not necessarily a supplement"
    ),
    "intravenous": "magnesium given into a vein only",
}
#: A spacing of no hours either side: the sources checked give no gap and no reason for one.
NO_GAP_NAMED = "No gap is named: the sources checked give no reason to take them at different times."
#: Under a list of what the dataset does not hold, in a person's check.
NOT_EVIDENCE = f"{_opening(NOT_LISTED_IS_NOT_SAFE)}."
CONDITION_NOT_LISTED = f"it is not a condition in magref's dataset; {NOT_LISTED_IS_NOT_SAFE}"
#: No time of day keeps every gap between the medicines and magnesium.
NO_WINDOW = "No time of day keeps every gap: ask a pharmacist how to fit them together."
#: No upper limit to hold a day's magnesium against.
NO_UPPER_LIMIT = "No upper limit for supplements is set at this age: only on a doctor's advice."
CAUTION_ADVICE: dict[FlagLevel, str] = {
    "stop": "do not take magnesium without a doctor's advice (see Cautions).",
    "ask": "ask a doctor before taking magnesium (see Cautions).",
    "note": "worth knowing (see Cautions).",
}


#: A product's unit in words (``teaspoon`` is a level teaspoon).
UNIT_WORDS = {
    "mL": "mL",
    "tablet": "tablet",
    "caplet": "caplet",
    "capsule": "capsule",
    "sachet": "sachet",
    "teaspoon": "level teaspoon",
    "scoop": "scoop",
    "serving": "serving",
    "bottle": "bottle",
}


def units(amount: float, unit: str) -> str:
    """An amount of a product in its unit: "30 mL", "2 level teaspoons", "1 litre"."""
    word = UNIT_WORDS.get(unit, unit)
    if word == "mL" and amount >= 1000 and amount % 1000 == 0:
        return f"{amount / 1000:g} litre" + ("" if amount == 1000 else "s")
    if word == "mL":
        return f"{amount:g} mL"
    return f"{amount:g} {word}" + ("" if amount <= 1 else "s")  # "0.5 sachet", "2 sachets"


def age(years: float) -> str:
    """An age as people say it: "age 35", "age 8 months" for a baby."""
    if 0 < years < 1:
        return f"age {round(years * 12, 1):g} months"
    return f"age {round(years, 2):g}"


def route_note(route: list[str]) -> str:
    """What a route other than by mouth ("eye drops") means for the rules shown."""
    return (
        f"You named a route other than by mouth ({' '.join(route)}). These rules are for the medicine "
        "taken by mouth, and the gut rules (binding, stomach acid, release) may not apply to it used "
        "this way; magref holds no rule for that route: ask a pharmacist."
    )


def searching_instead(word: str) -> str:
    """What magref does with words that are not a command."""
    return f"'{word}' is not a command: searching for what you typed (magref search ...)"


def capital(text: str) -> str:
    """The text as a sentence: first letter capital, a full stop at the end."""
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def spacing_rule(spacing: Spacing | None) -> str:
    """The spacing as one sentence of advice (without its note)."""
    if spacing is None:
        return "Timing does not help: taking them at different times does not avoid this."
    before, after = spacing.hours_before, spacing.hours_after
    if before == 0 and after == 0:
        return NO_GAP_NAMED
    if before is None and after is None:
        return "No gap is known to be enough: do not combine them without advice."
    if after is None:
        return f"Take the medicine at least {before:g} h before magnesium, not after it."
    if before is None:
        return f"Take the medicine at least {after:g} h after magnesium, not before it."
    return f"Take the medicine at least {before:g} h before magnesium, or at least {after:g} h after it."


def relevance(found: Relevance, concerns: Concerns) -> str:
    """Whether an interaction concerns one product a person takes, as the end of a sentence."""
    if found == "applies":
        return "applies"
    if found == "may-apply":
        return "may apply (ask a pharmacist whether you take it as an antacid or a laxative)"
    if concerns == "intravenous":
        return "does not apply (this concerns magnesium given into a vein)"
    return "is not named (the labels name magnesium antacids and laxatives, and this is neither)"


def matched_name(name: MatchedName) -> str:
    """``furosemide (Lasix)``: the drug a name reached, with the brand or product it came by."""
    if name.drug is None:
        shown = name.label if name.via == "synonym" else name.typed
    elif name.via == "brand":
        shown = f"{name.drug} ({name.label})"
    elif name.via == "combination":
        shown = f"{name.drug} (in {name.label})"
    else:
        shown = name.drug
    return f"{shown}, read from '{name.typed}'" if name.corrected else shown


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def dose_time(dose: Dose) -> str:
    """A dose's time, marked when it was assumed rather than given."""
    return f"{hhmm(dose.minute)} (assumed)" if dose.assumed else hhmm(dose.minute)


def dose_name(dose: Dose) -> str:
    return matched_name(dose.name) if dose.name is not None else dose.drug


#: Milligrams of a form that say neither elemental nor compound.
BASIS_NOT_SAID = "not said whether elemental or compound: counted as elemental magnesium, the safer reading"
BASIS_ADVICE = (
    "look on the label for 'as', 'providing' or 'elemental'; write '300 mg elemental' or '300 mg compound' "
    "to say which."
)


#: Why a medicine is not on the timeline, by the core's reason code.
NOT_TIMED = {
    "as-needed": (
        "is taken only as needed, so it is not on the timeline: keep magnesium its gap away from "
        "each dose you take (see magref interactions)."
    ),
    "no-time": (
        "has no time or how often, so it is not on the timeline and no gap was planned around it: "
        "give its time (NAME@8am) or how often (bd, twice daily)."
    ),
}


def not_timed(reason: str) -> str:
    """Why a medicine is not on the timeline; a reason not known reads as no time given."""
    return NOT_TIMED.get(reason, NOT_TIMED["no-time"])


ASSUMED_TIMES = (
    "times marked assumed are the usual medicine-round times, not yours; give your own (NAME@8am) "
    "if you take it at other times."
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


#: What each part of a medicine's words was read as.
ROLE_WORDS = {
    "name": "medicine", "strength": "strength", "dose": "dose", "how-often": "how often",
    "time": "time", "when": "when", "days": "on", "course": "for", "until": "until",
    "as-needed": "as needed", "route": "route", "unread": "not read", "maximum": "at most",
    "form": "form", "who": "for", "also": "also given as", "over": "each dose given",
    "also-called": "also called", "vessel": "with", "reason": "taken", "note": "note",
    "total": "total", "diluent": "in",
}  # fmt: skip


def read_as(regimen: Regimen, minutes: list[tuple[int, bool]]) -> str:
    """How one medicine's words were read, part by part, and its dose times (assumed ones marked)."""
    parts = [_piece(p.role, p.text) for p in regimen.pieces if p.role in ROLE_WORDS and p.role != "time"]
    often = how_often(regimen.per_day, regimen.every_days, len(regimen.weekdays))
    said = {p.text.casefold() for p in regimen.pieces if p.role == "how-often"}
    if often and often not in said:
        parts.append(f"= {often}")
    if regimen.days and f"for {regimen.days} days" not in parts:
        parts.append(f"for {regimen.days} days")
    if minutes:
        shown = ", ".join(f"{hhmm(m)}{' (assumed)' if assumed else ''}" for m, assumed in minutes)
        parts.append(f"at {shown}")
    return " · ".join(parts)


def _piece(role: str, text: str) -> str:
    """One piece as read: its role's word, then the words typed ("for 5 days", not "for for 5 days")."""
    word = ROLE_WORDS[role]
    return text if text.casefold().startswith(f"{word} ") else f"{word} {text}"


def seldom(every_days: int, weekdays: list[int]) -> str:
    """A medicine not taken every day, and that its gaps are kept every day."""
    how = f"taken on {day_list(weekdays)}" if weekdays else f"taken every {every_days} days"
    return f"{how}; its gaps are kept every day, which is more than needed on the other days."


def day_list(weekdays: list[int]) -> str:
    """Days of the week in words: "Mondays", "Mondays to Fridays", "Mondays, Wednesdays and Fridays"."""
    days = sorted(set(weekdays))
    named = [f"{WEEKDAY_NAMES[d]}s" for d in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{named[0]} to {named[-1]}"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def how_often(per_day: int | None, every_days: int, days_a_week: int = 0) -> str:
    """How often, in words: "2 times a day", "every 2 days", "weekly", "5 days a week"."""
    if every_days == 7:
        return f"{days_a_week} days a week" if days_a_week > 1 else "weekly"
    if every_days > 1:
        return f"every {every_days} days"
    if per_day is None:
        return ""
    return "once a day" if per_day == 1 else f"{per_day} times a day"


def read_as_magnesium(typed: str, entries: Sequence[str]) -> str:
    """An item given as a medicine that names magnesium: what it was read as."""
    return f"'{typed}' names magnesium ({', '.join(entries)}), not a medicine: read as magnesium taken"


def magnesium_times(note: Note) -> str:
    """Where the magnesium doses given among the medicines fall: keeping every gap, or breaking some."""
    if not note.times:
        return "no time was given, so it is not on the timeline."

    def when(minute: int, assumed: bool) -> str:
        return hhmm(minute) + (" (assumed)" if assumed else "")

    keeps = [when(at.minute, at.assumed) for at in note.times if not at.breaks]
    broken = [at for at in note.times if at.breaks]
    said = [f"at {when(at.minute, at.assumed)} it breaks {gaps_of(at.breaks)}" for at in broken]
    if keeps:
        said.append(f"at {_and(keeps)} it keeps every gap (inside a window)")
    advice = (
        f": take {'that dose' if len(broken) == 1 else 'those doses'} inside a window instead"
        if broken
        else ""
    )
    return "; ".join(said) + advice + "."


def gaps_of(medicines: Sequence[str]) -> str:
    """The gap, or gaps, of the medicines named: "the gap of cipro", "the gaps of cipro and levo"."""
    return f"the gap{'s' if len(medicines) > 1 else ''} of {_and(medicines)}"


def _and(words: Sequence[str]) -> str:
    """Words joined as a list: "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def plan_note(note: Note) -> str:
    """Why a medicine in a plan was not applied, or not fully."""
    if note.code == "magnesium-named":
        return f"{read_as_magnesium(note.drug, note.magnesium)}; {magnesium_times(note)}"
    if note.code == "not-listed":
        return f"'{note.drug}': {NOT_LISTED}. No gap was applied for it."
    if note.code == "checked-none":
        return f"{', '.join(note.medicines)}: {checked_none(note.sources)}. No gap was applied for it."
    if note.code == "not-checked":
        return f"{', '.join(note.medicines)}: {MEDICINE_NOT_CHECKED}. No gap was applied for it."
    if note.code == "several-classes":
        return f"'{note.drug}' covers several classes ({', '.join(note.classes)}): name the medicine."
    if note.code == "route-named":
        return f"'{note.drug}': {route_note(note.route)} The gap shown is the one for it by mouth."
    if note.code == "several-medicines":
        meant = " or ".join(note.medicines)
        return f"'{note.drug}' can mean {meant}: the gaps of each are kept; give the full name of yours."
    if note.code == "not-timed":
        return f"'{note.drug}' {not_timed(note.reason)}"
    if note.code == "not-daily":
        return f"{note.drug}: {seldom(note.every_days, note.weekdays)}"
    if note.code == "timing-does-not-help":
        return f"{note.drug}: timing does not help ({', '.join(note.classes)}); see magref interactions."
    extra = f" {note.spacing.note}" if note.spacing is not None and note.spacing.note else ""
    return f"{note.drug}: no gap is known to be enough on one side, so no daily window can keep it.{extra}"


#: Flags about a label's dose by age or the doses studied for a use (worded in dose_views).
DOSE_FLAGS = frozenset(
    {"over-age-dose", "age-ask-a-doctor", "age-do-not-use", "age-dose-not-given", "studied-dose-over-limit"}
)


def flag(found: Flag) -> str:
    """One flag of a check as a sentence."""
    figures, subject = found.figures, found.subject
    if found.code == "upper-limit-per-kg":
        per_kg = f"{figures['mg_per_kg']:g} mg of elemental magnesium per kg of body weight"
        return f"The upper limit at this age is {per_kg}: check the dose against it."
    if found.code == "no-upper-limit":
        return NO_UPPER_LIMIT
    if found.code == "over-upper-limit":
        items = int(figures["items"])
        source = "this product" if items == 1 else f"these {items} items"
        return (
            f"{figures['total_elemental_mg']:.0f} mg of elemental magnesium a day from {source} "
            f"is over the upper limit for supplements ({figures['upper_limit_mg']:g} mg)."
        )
    if found.code == "over-label-maximum":
        return f"'{subject}' is more than the label's daily maximum for {found.detail}."
    if found.code == "interaction" and found.match is not None:
        match = found.match
        names = ", ".join(matched_name(name) for name in match.matched)
        return f"{names}: {match.group.name} ({match.group.severity}). {spacing_rule(match.spacing)}"
    if found.code == "no-window":
        return "No time of day keeps every gap from your medicines."
    if found.code == "caution":
        return f"{subject}: {CAUTION_ADVICE[found.level]}"
    if found.code == "medicine-not-listed":
        return f"'{subject}': {NOT_LISTED}."
    if found.code == "medicine-not-checked":
        named = f" ({found.detail})" if found.detail and found.detail.casefold() != subject.casefold() else ""
        return f"'{subject}'{named}: {MEDICINE_NOT_CHECKED}."
    if found.code == "medicine-checked-none":
        sources = found.checked.sources if found.checked is not None else []
        return f"{subject}: {checked_none(sources)}."
    if found.code == "route-named":
        return f"'{subject}': {route_note([found.detail])}"
    if found.code == "medicine-not-timed":
        return f"'{subject}' {not_timed(found.detail)}"
    if found.code == "basis-not-stated":
        return f"'{subject}': {BASIS_NOT_SAID}; {BASIS_ADVICE}"
    if found.code == "times-assumed":
        return f"'{subject}': {ASSUMED_TIMES}"
    if found.code in DOSE_FLAGS:
        from magref.render import dose_views

        return dose_views.flag(found)
    if found.code.startswith("lab-"):
        return lab_flag(found)
    if found.code == "item-read-as-medicine":
        return (
            f"'{subject}' holds no magnesium magref counts; it is checked with your medicines, "
            f"as {found.detail}."
        )
    if found.code == "drug-read-as-magnesium":
        return (
            f"{read_as_magnesium(subject, [found.detail])}: it is counted in the daily total above, "
            "and its times are checked against the gaps of your medicines."
        )
    if found.code == "drug-magnesium-breaks-gap":
        minute = found.figures.get("minute")
        at = f"at {hhmm(int(minute))}" if minute is not None else "at a time it is taken"
        return (
            f"'{subject}' (magnesium) {at} breaks {gaps_of(found.detail.split(', '))}: take it "
            "inside a window for magnesium instead."
        )
    if found.code == "drug-magnesium-not-read":
        return (
            f"{read_as_magnesium(subject, [found.detail])}, but its amount or how often could not be "
            "read, so the daily total leaves it out: write the amount of each dose and how often, such as "
            "'10 mL 4 times a day' or '1 tablet twice a day'."
        )
    if found.code == "item-not-counted":
        return (
            f"'{subject}' is not a form or product in magref's dataset, so the daily total leaves it "
            "out: read its label's magnesium line with magref label, or ask a pharmacist."
        )
    return f"'{subject}': {CONDITION_NOT_LISTED}."


#: What a blood result and kidney function say together, by the check's flag code.
LAB_FINDINGS: dict[str, str] = {
    "lab-low": "is low: see a doctor about it. Low magnesium has a cause to find, and a supplement "
    "may be part of the treatment, at the dose the doctor sets and with blood tests to follow it "
    "(see Cautions).",
    "lab-low-weak-kidneys": "is low, but the kidneys are weak: do not treat it on your own. Weak "
    "kidneys hold magnesium back, so any magnesium must come from your kidney doctor, at the dose "
    "they set and with blood tests to follow it (see Cautions).",
    "lab-weak-kidneys": "is not low, and the kidneys are weak: magnesium from supplements, antacids "
    "and laxatives can build up (see Cautions).",
    "lab-high": "is high: do not take magnesium, and ask a doctor about the result.",
    "lab-within": "is within the range.",
}
#: The kidney words a lab flag adds, by its detail.
LAB_KIDNEYS: dict[str, str] = {
    "": "Kidney function was not given: ask about it before taking magnesium, as weak kidneys hold "
    "magnesium back.",
    "not-reduced": "",
}


def lab_flag(found: Flag) -> str:
    """A blood result read with kidney function, as one sentence or two."""
    text = f"Blood magnesium '{found.subject}' {LAB_FINDINGS[found.code]}"
    kidneys = LAB_KIDNEYS.get(found.detail, "")
    if found.code == "lab-low" and kidneys:
        text += f" {kidneys}"
    return text


#: Kinds of entry looked up by name, where a miss may still be found by a search.
LOOKED_UP = frozenset({"form", "use", "question", "condition", "product", "food", "source", "region"})


def _quoted(text: str) -> str:
    """Words as a shell would take them as one argument."""
    return f'"{text}"' if " " in text and '"' not in text else text


def over_limit_by(amount: str) -> str:
    """A day's magnesium over the upper limit for supplements by ``amount`` ("50 mg")."""
    return f"Over the upper limit for supplements by {amount} elemental a day: ask a doctor first."


def within_limit(limit_mg: int) -> str:
    return f"At or under the upper limit for supplements ({limit_mg} mg elemental a day)."


def nothing_on(words: Sequence[str]) -> str:
    """What a question asks about that no entry holds."""
    return f"no entry is about '{' '.join(words)}': not being listed is not evidence of safety or of benefit"


def nothing_found(error: NotFound) -> str:
    """One line for a question no entry is about, with the nearest entries (``kind:id``) if any."""
    from magref.search import COMMANDS  # a constant; search raised this error, so it is loaded

    nearest = [
        COMMANDS.get(kind, "magref search {}").format(entry_id)
        for kind, _, entry_id in (suggestion.partition(":") for suggestion in error.suggestions)
    ]
    said = nothing_on(error.names) + (f"; nearest: {', '.join(nearest)}" if nearest else "")
    if error.reason == "nothing-on-not-a-command":
        return f"'{error.query.split()[0]}' is not a command, and {said}"
    return said


def not_found_hint(error: NotFound, hint: str | None = None) -> str | None:
    """What to do next when nothing matched, by the reason the core gave (``hint``: its own)."""
    if error.reason == "not-listed":
        return capital(NOT_LISTED)
    safety = NOT_EVIDENCE
    if error.reason == "condition-not-listed":
        return safety
    if error.reason == "partly-listed":
        known = ", ".join(f"'{typed}'" for typed in error.names)
        found = f"Of what you typed, only {known} is listed."
        return f"{found} {safety}" if error.kind == "condition" else found
    if error.reason == "several" and error.kind == "form":
        return f"it names more than one form; side by side: magref compare {' '.join(error.names)}"
    if error.reason == "several":
        return f"it names more than one {error.kind} ({', '.join(error.names)}): name one"
    if hint is None and not error.suggestions and error.kind in LOOKED_UP:
        return f"to look in every kind of entry: magref search {_quoted(error.query)}"
    if error.reason == "magnesium-only":
        return (
            f"it names magnesium ({', '.join(error.names)}), not a medicine: add the medicine to "
            "check, e.g. magref interactions milk of magnesia with cipro"
        )
    return hint


def source_name(source: Source) -> str:
    """A source in a few words: who published it (a paper by its first author and journal), and the year."""
    who = source.organisation or _paper_name(source) or source.title
    return f"{who}, {source.year}" if source.year else who


def _paper_name(source: Source) -> str | None:
    """A paper as "Surname et al., Journal" from its authors and publication, or None."""
    if not source.authors:
        return None
    first = source.authors.split(",")[0].split()
    if not first:
        return None
    name = f"{first[0]} et al." if "," in source.authors else first[0]
    journal = re.split(r"\s\d", source.publication or "", maxsplit=1)[0].strip()
    return f"{name}, {journal}" if journal else name


def checked_none(sources: Sequence[Source]) -> str:
    """The words for a medicine checked with no interaction found in ``sources``."""
    where = "; ".join(source_name(source) for source in sources) or "the sources listed"
    return f"checked: no interaction found in {where}; this does not prove none exists"


def brand_holds(brand: str, components: Sequence[str]) -> str:
    """What a brand named holds, and that each medicine in it is answered on its own."""
    if len(components) == 1:
        return f"{brand} is {components[0]}: answered as {components[0]} below."
    held = ", ".join(components[:-1]) + f" and {components[-1]}"
    return (
        f"{brand} holds {held}: each is answered below, and an interaction of any of them applies "
        "to it; one not checked stays not checked."
    )


def status_message(status: str, sources: Sequence[Source] = (), classes: Sequence[str] = ()) -> str:
    """One medicine's status in words: in a class, checked with none found, or not checked."""
    if status == "interaction":
        return f"interacts with magnesium: see {', '.join(classes)}"
    if status == "checked-none":
        return checked_none(sources)
    return MEDICINE_NOT_CHECKED
