"""The words for every error the core raises: one phrase per code, filled from the error's facts.

The core raises ``InputError("amount-over-limit", text="200 g", limit_mg=100000)``; this module
says it: a message ("'200 g' is more than 100 g") and a hint for what to do next. Hints that name a
magref command or option live here, never in the core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from magref.errors import MagrefError, NotFound


class Worded(NamedTuple):
    """An error as the user reads it: one line, what to do next, and the names meant, if any."""

    message: str
    hint: str | None = None
    suggestions: list[str] | None = None


class _Facts:
    """An error's facts by attribute (``facts.text``); a fact not given reads as None."""

    def __init__(self, facts: Mapping[str, object]) -> None:
        self._facts = facts

    def __getattr__(self, name: str) -> Any:
        return self._facts.get(name)


#: A phrase: the facts in, the message and the hint out.
Phrase = Callable[[Any], tuple[str, str | None]]

AMOUNT_EXAMPLES = (
    "for example: '500 mg glycinate', 'glycinate 200 mg elemental x2', '375 mg magnesium', "
    "'4 mmol', 'milk of magnesia 30 mL', 'rolaids 2 tablets x3'"
)
#: International units measure vitamins (D, E, A), never magnesium.
VITAMIN_UNIT_HINT = (
    "IU measures vitamins, not magnesium, so it has no place in a magnesium total; to check a "
    "vitamin against magnesium, name it as a medicine (check --drug 'vitamin D3', or magref "
    "interactions 'vitamin D3')"
)
UNIT_HINT = (
    "units: mg, g, mcg, mmol, mEq, mL, litres, tsp, tbsp, fl oz, tablets, caplets, capsules, "
    "sachets, bottles, scoops, servings"
)
SERUM_EXAMPLE = "for example: magref lab 1.9 mg/dL or magref lab 0.8 mmol/L"
REGIMEN_EXAMPLES = (
    "for example: 'cipro 500mg bd', 'levothyroxine 100mcg 6:30am', 'alendronate 70mg weekly sunday 6am', "
    "'doxycycline@8am and 8pm'"
)
TIME_EXAMPLES = "07:30, 7:30, 0730 (after @ or at), 7am, 7:30pm, noon"
TIME_HINT = f"write it like {TIME_EXAMPLES}"
DATE_EXAMPLES = "for example: until 20 December, or until 2026-12-20"
DOSE_TIME_EXAMPLES = "for example: doxycycline@08:00 or levo@7am"
LABEL_EXAMPLES = (
    "for example: 'Magnesium (as magnesium glycinate) 200 mg', 'Magnesium (magnesium bisglycinate) 250 mg', "
    "'each (15 mL) contains: magnesium 500 mg', 'Magnesium hydroxide 1200 mg', "
    "'equivalent to 4 mmol (97.2 mg) of magnesium', 'Magnesium 375 mg (100% NRV)'"
)
PERSON_EXAMPLES = "for example: magref dose 35 female, magref dose 8 months, magref dose 30 pregnant uk"
ONE_DOSE = "give the amount in one dose"
#: A regimen's facts in words, as a refusal to give one twice names them.
FACT_WORDS = {
    "per_day": "how often", "every_days": "how often", "per_week": "how often", "days": "course length",
    "dose": "dose", "until": "last day", "as_needed": "as-needed instruction",
}  # fmt: skip
#: The kinds of entry a miss names, where the code is not the word.
KIND_WORDS = {
    "medicine-or-class": "medicine or class",
    "form-or-product": "form or product",
    "reference-range": "reference range",
}
#: A product's unit as a refusal to measure it otherwise names it.
MEASURED_IN = {
    "mL": "mL (or litres), teaspoons or tablespoons",
    "teaspoon": "level teaspoons",
    "serving": "servings, as its label defines one",
}


def number(value: float) -> str:
    """A number as magref writes it back: no trailing zeros, a thousands comma."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _example_measure(unit: str) -> str:
    return "15 mL" if unit == "mL" else f"1 {unit}"


def _quoted_list(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _ages(f: Any) -> str:
    if f.min_age is None:
        return str(f.reason) if f.reason is not None else ""
    span = f"{f.min_age:g} to {f.max_age:g}" if f.max_age is not None else f"{f.min_age:g} and over"
    return f"it gives {f.stage} figures for ages {span}"


def _cannot_write(f: Any) -> tuple[str, str | None]:
    from magref.render.output import _WRITE_ADVICE

    advice = _WRITE_ADVICE.get(f.errno or 0, "give another file")
    return f"cannot write {f.path}: {f.reason}; {advice}", None


def _repeated(f: Any) -> tuple[str, str | None]:
    repeated = ", ".join(f"{name} ({count} times)" for name, count in zip(f.options, f.counts, strict=True))
    hint = "give each once"
    if f.take:
        hint = "for several products give --take once for each, e.g. --take '500 mg oxide x2'"
    return f"only one value is kept for {repeated}", hint


PHRASES: dict[str, Phrase] = {
    # -- ages, regions and reference values (dosing, foods) ---------------------------------------
    "age-impossible": lambda f: (
        f"age {f.age:g} is not possible",
        f"give an age from 0 to {f.max_age:g} years",
    ),
    "region-no-values": lambda f: (f"the dataset has no reference values for region '{f.region}'", None),
    "age-no-value": lambda f: (f"the dataset has no value for age {f.age:g}", None),
    "stage-no-figure": lambda f: (
        f"the {f.table} table has no {f.stage} figure at age {f.age:g}",
        _ages(f) or None,
    ),
    "sex-with-stage": lambda f: (f"male cannot go with {f.stage}", "leave out the sex, or give female"),
    "doses-a-day": lambda f: (f"{f.times} is not a number of doses a day", f"give 1 to {f.max_times}"),
    "no-daily-value": lambda f: ("the dataset has no US Daily Value for magnesium", None),
    "target-impossible": lambda f: (
        f"{f.target_mg} mg is not a daily target",
        f"give 1 to {f.max_mg} mg, for example 310",
    ),
    "sort-key": lambda f: (f"cannot sort by '{f.column}'", f"choose one of: {', '.join(f.keys)}"),
    "search-needs-words": lambda f: ("search needs a word to look for", "for example: magref search sleep"),
    "kidney-unread": lambda f: (
        f"cannot read '{f.text}' as kidney function",
        "give a CKD stage (1 to 5, 3a or 3b), an eGFR or a creatinine clearance in mL/min",
    ),
    # -- what a person takes (intake) -------------------------------------------------------------
    "amount-not-positive": lambda f: (f"'{f.text}' is not an amount greater than zero", None),
    "amount-over-limit": lambda f: (f"'{f.text}' is more than {f.limit_mg / 1000:g} g", ONE_DOSE),
    "measure-over-limit": lambda f: (
        f"'{f.text}' is more than {f.limit:g} "
        f"{'tablets or other units' if f.unit == 'count' else f.unit} in one dose",
        ONE_DOSE,
    ),
    "product-by-weight": lambda f: (
        f"'{f.text}': give {f.product} by the {f.unit}, not by weight",
        f"for example: '{f.name} {_example_measure(f.unit)}'",
    ),
    "several-amounts": lambda f: (
        f"'{f.text}' has more than one amount ({_quoted_list(f.amounts)})",
        "give one amount per item; for units that each hold it, say so: '2 capsules of 400 mg oxide'",
    ),
    "units-need-mg": lambda f: (
        f"'{f.text}': how much {f.form.lower()} is in each one?",
        f"give the mg from the label, for example: '{f.amount:g} capsules of 400 mg {f.form_id}', and "
        "say 'elemental' if the label gives the magnesium itself",
    ),
    "measured-in": lambda f: (
        f"'{f.text}': {f.product} is measured in {MEASURED_IN.get(f.unit, f'{f.unit}s')}",
        f"for example: {_example_measure(f.unit)}",
    ),
    "nothing-to-add": lambda f: ("nothing to add up", "give at least one item, e.g. '200 mg glycinate'"),
    "too-many-items": lambda f: (f"{f.count} items is more than {f.max_items}", "give fewer items"),
    # -- amounts as typed (amounts) ---------------------------------------------------------------
    "not-a-fraction": lambda f: (f"'{f.text}' is not a fraction of a unit", "write it as a decimal: 0.75"),
    "not-a-number": lambda f: (f"'{f.text}' is not a number", AMOUNT_EXAMPLES),
    "amount-unread": lambda f: (
        f"cannot read '{f.text}' as an amount",
        "for example: 500, 500mg, 0.5g or 4 mmol",
    ),
    "count-twice-in-item": lambda f: (
        f"'{f.text}' gives the doses a day more than once",
        "give one count, e.g. x2",
    ),
    "doses-a-day-in-item": lambda f: (
        f"{f.times} is not a number of doses a day in '{f.text}'",
        f"give 1 to {f.max_times}",
    ),
    "empty-item": lambda f: ("an empty item", AMOUNT_EXAMPLES),
    "item-not-positive": lambda f: (f"'{f.text}' is not an amount greater than zero", AMOUNT_EXAMPLES),
    "amount-per-kg": lambda f: (
        f"'{f.text}' gives an amount per kilogram of body weight",
        "work out the dose for the weight, and give it in mg or mmol",
    ),
    "unknown-unit": lambda f: (
        f"'{f.word}' in '{f.text}' is not a unit magref knows",
        VITAMIN_UNIT_HINT if f.word.casefold() == "iu" else UNIT_HINT,
    ),
    "no-amount": lambda f: (f"no amount in '{f.text}'", AMOUNT_EXAMPLES),
    "charge-not-compound": lambda f: (
        f"'{f.text}': {f.unit} counts magnesium itself, not the compound",
        "leave out 'compound'",
    ),
    "mg-of-what": lambda f: (
        f"'{f.text}': milligrams of what?",
        "name the form ('500 mg glycinate'), or say 'magnesium' or 'elemental' for magnesium itself",
    ),
    "basis-needs-mass": lambda f: (
        f"'{f.text}': elemental or compound goes with mg or g, not with {f.unit}",
        AMOUNT_EXAMPLES,
    ),
    "product-unnamed": lambda f: (
        f"'{f.text}' does not say what it is",
        "name the product, e.g. 'milk of magnesia 30 mL'",
    ),
    "form-unnamed": lambda f: (
        f"'{f.text}' does not say what it is",
        "name the form, e.g. '2 capsules of 400 mg oxide'",
    ),
    "both-bases": lambda f: (f"'{f.text}' says both elemental and compound", "say one of them"),
    "magnesium-not-compound": lambda f: (
        f"'{f.text}': magnesium alone is elemental, not a compound",
        "name the form",
    ),
    "ounce-unclear": lambda f: (
        f"'{f.unit}' in '{f.text}' can be an ounce by weight or a fluid ounce",
        "write fl oz for a liquid, or give the grams",
    ),
    # -- blood levels (amounts, serum, status) ----------------------------------------------------
    "serum-unread": lambda f: (f"cannot read '{f.text}' as a blood level", SERUM_EXAMPLE),
    "serum-no-unit": lambda f: (
        f"'{f.text}' has no unit, and the same number means different levels in each",
        "give mg/dL, mmol/L or mEq/L: " + SERUM_EXAMPLE,
    ),
    "serum-unit-unknown": lambda f: (
        f"'{f.unit}' is not a unit for blood magnesium",
        "give mg/dL, mmol/L or mEq/L",
    ),
    "serum-after-unread": lambda f: (
        f"cannot read '{f.text}' after the result",
        "give the result and its unit, and the report's range if you like: 1.5 mg/dL (1.7-2.2)",
    ),
    "range-unit-unknown": lambda f: (f"'{f.unit}' is not a unit for blood magnesium", SERUM_EXAMPLE),
    "range-not-low-to-high": lambda f: (
        f"'{f.text}' is not a range from low to high",
        "for example: (1.7-2.2)",
    ),
    "level-not-positive": lambda f: (
        f"{f.value:g} {f.unit} is not a blood magnesium level",
        "give a number greater than zero",
    ),
    "level-impossible": lambda f: (
        f"{f.value:g} {f.unit} is not a possible blood magnesium level",
        f"give at most {f.limit:g} {f.unit}",
    ),
    # -- numbers, times and medicines as written (reader, regimen, syntax) -------------------------
    "number-too-long": lambda f: (
        f"'{f.start}...' in the text is too long to be a number",
        f"give at most {f.max_digits} digits",
    ),
    "number-unread": lambda f: (
        f"cannot read '{f.text}' as a number",
        "write it with a point for decimals and commas for thousands: 1,000 or 1.5",
    ),
    "number-two-ways": lambda f: (
        f"'{f.text}' can be read as {number(f.one)} or as {number(f.other)}",
        f"write {number(f.one)} or {number(f.other)}",
    ),
    "times-count-mismatch": lambda f: (
        f"'{f.medicine}' is taken {f.per_day} times a day, but {f.given} times are given",
        "give every dose's time, or none and magref will assume them",
    ),
    "fact-twice": lambda f: (
        f"'{f.text}' gives the {FACT_WORDS.get(f.fact, f.fact)} a second way, after '{f.said}'",
        f"give the {FACT_WORDS.get(f.fact, f.fact)} once: " + REGIMEN_EXAMPLES,
    ),
    "nothing-after-at": lambda f: (f"nothing after '@' in '{f.text}'", f"give a time, like {TIME_EXAMPLES}"),
    "time-needs-am-pm": lambda f: (f"'{f.text}' needs minutes or am/pm", TIME_HINT),
    "time-hour-over-12": lambda f: (
        f"'{f.text}' is not a time of day: with am or pm, the hour is 1 to 12",
        TIME_HINT,
    ),
    "time-out-of-range": lambda f: (f"'{f.text}' is not a time of day: use 00:00 to 23:59", TIME_HINT),
    "time-unread": lambda f: (f"cannot read '{f.text}' as a time of day", TIME_HINT),
    "empty-time": lambda f: ("an empty time", TIME_HINT),
    "dose-not-positive": lambda f: (f"'{f.text}' is not a dose", REGIMEN_EXAMPLES),
    "doses-a-day-unread": lambda f: (f"'{f.text}' is not a number of doses a day", "give 1 to 24"),
    "interval-uneven": lambda f: (
        f"'{f.text}' does not fit a day evenly",
        "give the clock times of the doses",
    ),
    "date-two-ways": lambda f: (
        f"'{f.text}' can be day {f.first} of month {f.second}, or day {f.second} of month {f.first}",
        "write the month as a word: 20 December, or as 2026-12-20",
    ),
    "date-unread": lambda f: (f"cannot read '{f.text}' as a date", DATE_EXAMPLES),
    "date-impossible": lambda f: (f"'{f.text}' is not a date", DATE_EXAMPLES),
    "dose-time-unread": lambda f: (f"cannot read '{f.text}' as MEDICINE@TIME", DOSE_TIME_EXAMPLES),
    "regimen-word-unread": lambda f: (
        f"'{f.word}' in '{f.text}' was not read: it is not a time, a dose or how often",
        "write a time with am/pm or minutes (9am, 21:00), a dose with its unit (500 mg): " + REGIMEN_EXAMPLES,
    ),
    "no-medicine-named": lambda f: (f"'{f.text}' names no medicine", "name it first: " + REGIMEN_EXAMPLES),
    "medicine-no-time": lambda f: (
        f"'{f.medicine}' has no time",
        "give each medicine its time or how often: " + REGIMEN_EXAMPLES,
    ),
    "no-medicine-given": lambda f: ("no medicine given", DOSE_TIME_EXAMPLES),
    # -- labels and people (labels, who) ----------------------------------------------------------
    "label-no-magnesium": lambda f: (
        f"cannot read '{f.text}' as a magnesium label line: it does not name magnesium",
        LABEL_EXAMPLES,
    ),
    "label-figure-no-unit": lambda f: (
        f"'{f.figure}' in '{f.text}' has no unit: mg, mmol or another?",
        f"give the unit printed on the label, for example: '{f.figure} mg'",
    ),
    "label-no-amount": lambda f: (f"cannot read '{f.text}': no amount in mg, g or mmol", LABEL_EXAMPLES),
    "label-several-amounts": lambda f: (
        f"'{f.text}' has more than one amount for magnesium ({', '.join(f'{m:g} mg' for m in f.amounts_mg)})",
        "give the one line that names magnesium and its amount",
    ),
    "label-amount-impossible": lambda f: (
        f"'{f.text}': {f.mg:g} mg is not a possible amount on a label",
        None,
    ),
    "person-twice": lambda f: (f"'{f.text}' gives more than one {f.field}", PERSON_EXAMPLES),
    "person-word-unread": lambda f: (
        f"'{f.word}' in '{f.text}' is not an age, sex, pregnancy or region",
        PERSON_EXAMPLES,
    ),
    # -- the command line's own options (cli) -----------------------------------------------------
    "count-twice-times": lambda f: (
        f"'{f.text}' says x{f.item_times} but --times says {f.times}",
        "give the count once",
    ),
    "elemental-needs-mass": lambda f: (
        "--elemental goes with an amount in mg or g",
        "leave it out for mL or tablets",
    ),
    "age-needs-product": lambda f: (
        "--age needs a product",
        "name one: magref products milk of magnesia --age 8",
    ),
    "ics-needs-timed-medicine": lambda f: (
        "--ics needs at least one medicine with a time",
        "give --drug NAME@HH:MM",
    ),
    "forms-and-amounts-unpaired": lambda f: (
        f"{f.forms} --form and {f.amounts} --amount: each --form needs its own --amount",
        "give them in pairs, e.g. --form oxide --amount 500 --form glycinate --amount 500, or use --take",
    ),
    "times-without-form": lambda f: (
        "--times goes with --form and --amount",
        "or write the count in --take: 'x2'",
    ),
    "times-per-form": lambda f: (
        f"{f.times} --times for {f.forms} --form: give --times once for each --form",
        "or write the count in each --take item, e.g. --take '500 mg oxide x2'",
    ),
    "repeated-options": _repeated,
    # -- the command line's usage errors (worded here, shown by Click with the usage line) --------
    "compare-needs-two": lambda f: (
        "give at least two forms to compare; "
        + (f"'{' '.join(f.forms)}' names only {f.found.lower()}" if f.found else "one form"),
        None,
    ),
    "blank-words": lambda f: (f"it is empty: give a name, as in the example of '{f.command} -h'", None),
    "hits-limit": lambda f: (f"{f.limit} is not a number of hits", None),
    "foods-limit": lambda f: (f"{f.limit} is not a number of foods", None),
    "compare-regions-with-region": lambda f: (
        "--compare-regions shows every region; leave out --region",
        None,
    ),
    "range-given-twice": lambda f: ("the result gives its own range; leave out --range", None),
    "format-unknown": lambda f: (f"'{f.format}' is not html or md", None),
    "region-unknown": lambda f: (
        f"{f.variable + ' ' if f.variable else ''}'{f.value}' is not a region magref knows; "
        f"known regions: {', '.join(f.regions or [])}",
        None,
    ),
    "sex-unknown": lambda f: (f"'{f.value}' is not female or male", None),
    "age-and-months": lambda f: ("give --age or --months, not both", None),
    "age-missing": lambda f: ("give an age, for example: 30 female, --age 30 or --months 4", None),
    "pregnant-and-lactating": lambda f: ("give --pregnant or --lactating, not both", None),
    "said-twice": lambda f: (f"the words and {f.option} both say it; give one", None),
    "two-on-stdout": lambda f: (
        f"{' and '.join(f.names)} would both go to standard output",
        "give --ics or -o a file name",
    ),
    # -- the dataset and the output ---------------------------------------------------------------
    "dataset-invalid": lambda f: (
        f"the dataset at {f.location} is not valid ({f.total:,} problem(s))",
        "fix the problems above, or run without --data and MAGREF_DATA to use the bundled dataset",
    ),
    "index-unreadable": lambda f: (f"the knowledge index cannot be read: {f.reason}", None),
    "index-entry-damaged": lambda f: (f"the knowledge index holds a damaged entry: {f.reason}", None),
    "index-entry-missing": lambda f: (f"the knowledge index has no entry {f.section}[{f.position}]", None),
    "no-fts5": lambda f: (
        "this Python's SQLite has no FTS5 full-text search, which magref needs",
        "install a Python whose sqlite3 module includes FTS5 (python.org builds and most "
        "Linux distributions do)",
    ),
    "stdout-closed": lambda f: ("cannot write the output: standard output is closed", None),
    "reader-gone": lambda f: ("the reader of the output went away", None),
    "cannot-write-output": lambda f: (f"cannot write the output: {f.reason}", None),
    "cannot-write-file": _cannot_write,
    "file-of-another-user": lambda f: (
        f"cannot write {f.path}: it is a link or special file that another user made, "
        "and magref does not write through one",
        "give the name of a new file, or remove it if you made it",
    ),
}


def _hint_of_miss(error: NotFound) -> str | None:
    """The hint a miss's own code or facts give (the foods list, the known regions), or None."""
    f = _Facts(error.facts)
    if f.regions is not None:
        return "known regions: " + ", ".join(f.regions)
    code = error.code
    if code == "unknown-food":
        return "see the list with: magref foods"
    if code == "unknown-question":
        return "try 'magref faq' for every question"
    if code == "unknown-range":
        return "ranges: " + ", ".join(f.ranges)
    if code == "unknown-command":
        return "run 'magref -h' for every command"
    if code == "unknown-product":
        if f.form:
            return f"{f.form} is a form: give it in mg or g"
        return "magref lists products with 'magref products'"
    if code == "plan-unmatched":
        from magref.render.phrases import plan_note

        return " ".join(plan_note(note) for note in f.notes)
    return None


#: The codes of a miss worded by ``_hint_of_miss`` (and the plain and resolver misses of phrases).
MISSES = frozenset({
    "not-found", "not-listed", "condition-not-listed", "magnesium-only", "several", "partly-listed",
    "nothing-on", "nothing-on-not-a-command", "unknown-food", "unknown-question", "unknown-range",
    "unknown-command", "unknown-product", "plan-unmatched",
})  # fmt: skip


def usage(code: str, **facts: object) -> str:
    """The words of a usage error the command line raises (Click shows them under the usage)."""
    return PHRASES[code](_Facts(facts))[0]


def kind_words(kind: str) -> str:
    """The kind of entry a miss names, in words."""
    return KIND_WORDS.get(kind, kind)


def worded(error: MagrefError) -> Worded:
    """The error's message, hint and suggestions, as the user reads them."""
    from magref.errors import NotFound

    if isinstance(error, NotFound):
        from magref.render import phrases

        if error.reason in ("nothing-on", "nothing-on-not-a-command"):
            return Worded(phrases.nothing_found(error))
        message = f"no {kind_words(error.kind)} named '{error.query}'"
        return Worded(message, phrases.not_found_hint(error, _hint_of_miss(error)), error.suggestions)
    phrase = PHRASES.get(error.code)
    if phrase is None:  # a code with no phrase is a bug, which tests/test_errors.py catches
        return Worded(str(error))
    message, hint = phrase(_Facts(error.facts))
    return Worded(message, hint)


def message(error: MagrefError) -> str:
    """The error's one line, without its hint."""
    return worded(error).message
