"""Commands about one person: a blood result, conditions, and the whole day checked or printed."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from magref.cli.context import emit, load, names_in, one_stdout, write_file, write_ics
from magref.cli.options import CheckOptions, IcsOption, JsonOption, check_options, not_blank, who
from magref.errors import InputError
from magref.region import DEFAULT_REGION, ENV_REGION, Region

if TYPE_CHECKING:
    from magref.check import CheckAnswer


def lab(
    ctx: typer.Context,
    result: Annotated[
        list[str],
        typer.Argument(
            metavar="VALUE UNIT", help="The result and its unit: 1.9 mg/dL, 0.8 mmol/L, 1.6 mEq/L."
        ),
    ],
    range_id: Annotated[
        str | None,
        typer.Option(
            "--range",
            metavar="ID",
            help="iom-1997 (default), uk-laboratories, australia-rcpa, medlineplus or sulfate-label.",
        ),
    ] = None,
    region: Annotated[
        Region,
        typer.Option(
            "--region",
            envvar=ENV_REGION,
            case_sensitive=False,
            help="Whose laboratories: the region's usual range, unless --range names another.",
        ),
    ] = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """A blood (serum) magnesium result against a named reference range: low, within or high.

    Example: magref lab 1.9 mg/dL | magref lab 0.68 mmol/L --region uk
    """
    from magref import amounts, serum, status
    from magref.render import intake_views as views

    body, mark = status.split_mark(" ".join(result))  # "1.4 mg/dL (1.6-2.6) L": the report's own mark
    number, serum_unit, printed = amounts.parse_serum(body)
    if printed is not None and range_id is not None:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("range-given-twice"), param_hint="--range")
    data = load(ctx)
    answer = serum.lab(data, number, serum_unit, range_id, printed, region, mark)
    emit(ctx, json, lambda: answer.json, lambda: views.lab_document(answer))


def cautions(
    ctx: typer.Context,
    condition: Annotated[
        list[str] | None,
        typer.Argument(
            help="A condition: kidney, CKD, pregnancy...",
            autocompletion=names_in("cautions"),
            callback=not_blank,
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Conditions that call for care with magnesium, and the signs of too much.

    Example: magref cautions kidney disease
    """
    from magref import cautions as core
    from magref.render import check_views as views

    data = load(ctx)
    if not condition:
        every = core.cautions(data)
        emit(ctx, json, lambda: every.json, lambda: views.cautions_document(every))
        return
    answer = core.cautions(data, " ".join(condition))
    emit(ctx, json, lambda: answer.json, lambda: views.caution_document(answer))


@check_options
def check(ctx: typer.Context, options: CheckOptions, json: JsonOption = False) -> None:
    """One report for one person: intake, interactions, timing, cautions and flags.

    Example: magref check --age 70 --sex female --drug furosemide --form oxide --amount 500 --times 2
    """
    from magref.render import check_views as views

    answer = _checked(ctx, options)
    emit(ctx, json, lambda: views.worded(answer), lambda: views.check_document(answer))


@check_options
def report(
    ctx: typer.Context,
    options: CheckOptions,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE, not stdout.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="html|md", help="html (default) or md.")] = "html",
    full: Annotated[
        bool, typer.Option("--full", help="Every detail, over more than one page if need be.")
    ] = False,
    ics: IcsOption = None,
    json: JsonOption = False,
) -> None:
    """The check as one printable page to hand to a pharmacist or doctor: HTML or Markdown.

    Takes the same options as check. Example:
    magref report --age 68 --sex female --drug levothyroxine@07:00 --form citrate --amount 400 -o report.html
    """
    if fmt not in ("html", "md"):
        from magref.render.problems import usage

        raise typer.BadParameter(usage("format-unknown", format=fmt), param_hint="--format")
    answer = _checked(ctx, options)
    result = answer.report
    if ics is not None and result.plan is None:
        raise InputError("ics-needs-timed-medicine")
    if json:
        from magref.render import check_views as views
        from magref.render import output as out

        text = out.to_json(views.worded(answer))
    else:
        from magref.render import report as page

        text = page.render(result, "md" if fmt == "md" else "html", full)
    one_stdout(("--ics -", ics == "-"), ("the report", output in (None, "-")))
    if ics is not None and result.plan is not None:
        write_ics(ics, result.plan)
    write_file(output or "-", text)


def _checked(ctx: typer.Context, options: CheckOptions) -> "CheckAnswer":
    """The check of one person from the options ``check`` and ``report`` share: one core call."""
    from magref import amounts, status
    from magref import check as core
    from magref.syntax import parse_medicine

    given = status.Given(lab=options.lab, egfr=options.egfr, ckd=options.ckd, dialysis=options.dialysis)
    person = who(
        ctx, options.words, options.age, options.months, options.sex,
        options.pregnant, options.lactating, options.region,
    )  # fmt: skip
    items = [
        *_paired_items(options.form or [], options.amount or [], options.times or []),
        *(amounts.parse_item(text) for text in options.take or []),
    ]
    medicines = [medicine for text in options.drug or [] for medicine in parse_medicine(text)]
    return core.check_answer(
        load(ctx),
        core.Person(person.years, person.sex, person.stage, person.region),
        items,
        medicines,
        options.condition or [],
        options.for_use or [],
        given,
    )


def _paired_items(forms: list[str], amounts_given: list[str], times: list[int]) -> list[Any]:
    """Each --form with its --amount (and --times): they must pair up exactly, or nothing is guessed."""
    from magref import amounts
    from magref.intake import Intake

    if len(forms) != len(amounts_given):
        raise InputError("forms-and-amounts-unpaired", forms=len(forms), amounts=len(amounts_given))
    if times and len(times) != len(forms):
        if not forms:
            raise InputError("times-without-form")
        raise InputError("times-per-form", times=len(times), forms=len(forms))
    items: list[Intake] = []
    for index, (form, text) in enumerate(zip(forms, amounts_given, strict=True)):
        mass = amounts.parse_mass(text)
        count = times[index] if times else 1
        described = f"{text} {form}" + (f" x{count}" if count > 1 else "")
        items.append(Intake(text=described, name=form, mass=mass, times=count))
    return items
