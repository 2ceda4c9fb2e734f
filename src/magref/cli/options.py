"""Options and arguments more than one command takes, each declared once, and how they are read."""

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import msgspec
import typer

from magref.cli.context import complete_form, complete_medicine, given, load, names_in
from magref.errors import NotFound
from magref.region import DEFAULT_REGION, ENV_REGION, Region


def not_blank(ctx: typer.Context, values: list[str] | None) -> list[str] | None:
    """Words given as an argument, refused when every one is empty or blank (``info ""``)."""
    if values and not any(value.strip() for value in values):
        from magref.render.problems import usage

        raise typer.BadParameter(usage("blank-words", command=ctx.command_path))
    return values


JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
IcsOption = Annotated[
    str | None,
    typer.Option("--ics", metavar="FILE", help="Also write the times as daily calendar events (.ics)."),
]
FormArgument = Annotated[
    str,
    typer.Argument(metavar="FORM", help="A form: glycinate, oxide, citrate...", autocompletion=complete_form),
]
FormWords = Annotated[
    list[str],
    typer.Argument(
        metavar="FORM",
        help="A form: glycinate, oxide, 'milk of magnesia'...",
        autocompletion=complete_form,
        callback=not_blank,
    ),
]
AgeOption = Annotated[
    float | None, typer.Option("--age", metavar="YEARS", help="Age in years; decimals for babies (0.25).")
]


# -- region ---------------------------------------------------------------------------------------


def _region_word(value: str | Region) -> str:
    return value.value if isinstance(value, Region) else value


def _region(ctx: typer.Context, value: str | Region | None) -> Region:
    """A region as typed: its id, or any name the dataset gives it ("efsa", "germany")."""
    if value is None:
        return DEFAULT_REGION
    if isinstance(value, Region):
        return value
    try:
        return Region(value.strip().casefold())
    except ValueError:
        from magref import dosing

        try:
            return Region(dosing.find_region(load(ctx), value).id)
        except NotFound as missing:
            source = ctx.get_parameter_source("region")
            from magref.render.problems import usage

            variable = ENV_REGION if source is not None and source.name == "ENVIRONMENT" else None
            regions = missing.facts.get("regions")
            said = usage("region-unknown", variable=variable, value=value, regions=regions)
            raise typer.BadParameter(said, param_hint="--region") from None


#: The region option: typed as a region, read as text (an id or any name the dataset gives a
#: region) and turned into one by ``_region``.
_REGION_OPTION = typer.Option(
    "--region",
    envvar=ENV_REGION,
    parser=_region_word,
    callback=_region,
    metavar="REGION",
    help="Whose reference values: us, eu, uk, au-nz, dach, nordic, japan or who, or a name "
    "such as efsa or germany.",
)
if TYPE_CHECKING:
    RegionOption = Annotated[Region, _REGION_OPTION]
else:
    RegionOption = Annotated[str, _REGION_OPTION]


# -- who: age, sex, pregnancy -----------------------------------------------------------------------

WhoArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[WHO]...", help="Age, sex, pregnant or breastfeeding, region: 35 female."),
]
MonthsOption = Annotated[float | None, typer.Option("--months", help="Age in months, for babies.")]
SexOption = Annotated[str | None, typer.Option("--sex", metavar="female|male", help="female or male.")]
PregnantOption = Annotated[bool, typer.Option("--pregnant")]
LactatingOption = Annotated[bool, typer.Option("--lactating", help="Breastfeeding.")]


class Who(NamedTuple):
    """One person as read from the words and options: age in years, sex, stage, region."""

    years: float
    sex: Any
    stage: Any
    region: Region


def who(
    ctx: typer.Context,
    words: list[str] | None,
    age: float | None,
    months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    region: Region,
) -> Who:
    """The person the words ("35 female") and the options describe; a thing said both ways is refused."""
    from magref import dosing

    if words:
        age, months, sex, pregnant, lactating, region = _person_words(
            ctx, words, age, months, sex, pregnant, lactating, region
        )
    return Who(dosing.check_age(_age(age, months)), _sex(sex), _stage(pregnant, lactating), region)


def _sex(value: str | None) -> Any:
    from magref.who import SEX_WORDS

    if value is None:
        return None
    folded = value.strip().casefold()
    if folded in SEX_WORDS:
        return SEX_WORDS[folded]
    from magref.render.problems import usage

    raise typer.BadParameter(usage("sex-unknown", value=value), param_hint="--sex")


def _age(age: float | None, months: float | None) -> float:
    if age is not None and months is not None:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("age-and-months"), param_hint="--months")
    if months is not None:
        return months / 12
    if age is None:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("age-missing"), param_hint="--age")
    return age


def _stage(pregnant: bool, lactating: bool) -> Any:
    if pregnant and lactating:
        from magref.render.problems import usage

        raise typer.BadParameter(usage("pregnant-and-lactating"), param_hint="--lactating")
    return "pregnancy" if pregnant else "lactation" if lactating else None


def _person_words(
    ctx: typer.Context,
    words: list[str],
    age: float | None,
    months: float | None,
    sex: str | None,
    pregnant: bool,
    lactating: bool,
    region: Region,
) -> tuple[float | None, float | None, str | None, bool, bool, Region]:
    """The options, filled in from words such as "35 female"."""
    from magref import resolve
    from magref.who import parse_person

    def region_named(word: str) -> Region | None:
        """A region by any name the dataset gives it ("efsa"), through the one resolver."""
        data = load(ctx)
        found = resolve.single(data, word, "regions")
        return None if found is None else Region(data.entry("regions", found[0]).id)

    person = parse_person(words, region_named)
    twice = {
        "--age": person.age is not None and age is not None,
        "--months": person.months is not None and months is not None,
        "--sex": person.sex is not None and sex is not None,
        "--region": person.region is not None and given(ctx, "region"),
    }
    for option, said in twice.items():
        if said:
            from magref.render.problems import usage

            raise typer.BadParameter(usage("said-twice", option=option), param_hint=option)
    return (
        age if person.age is None else person.age,
        months if person.months is None else person.months,
        sex if person.sex is None else person.sex,
        pregnant or person.stage == "pregnancy",
        lactating or person.stage == "lactation",
        region if person.region is None else person.region,
    )


# -- what check and report share --------------------------------------------------------------------


class CheckOptions(msgspec.Struct, frozen=True):
    """The options ``check`` and ``report`` share, as typed."""

    words: list[str] | None
    age: float | None
    months: float | None
    sex: str | None
    pregnant: bool
    lactating: bool
    take: list[str] | None
    form: list[str] | None
    amount: list[str] | None
    times: list[int] | None
    drug: list[str] | None
    condition: list[str] | None
    for_use: list[str] | None
    lab: str | None
    egfr: float | None
    ckd: str | None
    dialysis: bool
    region: Region


def _check_parameters(
    words: WhoArgument = None,
    age: AgeOption = None,
    months: MonthsOption = None,
    sex: SexOption = None,
    pregnant: PregnantOption = False,
    lactating: LactatingOption = False,
    take: Annotated[
        list[str] | None,
        typer.Option(
            "--take",
            metavar="ITEM",
            help="Something you take, as for stack: '500 mg oxide x2'; repeat.",
            autocompletion=names_in("forms", "products"),
        ),
    ] = None,
    form: Annotated[
        list[str] | None,
        typer.Option(
            "--form", help="The form in your product; repeat with --amount.", autocompletion=complete_form
        ),
    ] = None,
    amount: Annotated[
        list[str] | None,
        typer.Option("--amount", help="Compound weight per dose: 500mg; one for each --form."),
    ] = None,
    times: Annotated[
        list[int] | None,
        typer.Option("--times", metavar="N", help="Doses a day; once, or one for each --form."),
    ] = None,
    drug: Annotated[
        list[str] | None,
        typer.Option(
            "--drug",
            metavar="NAME[@TIME]",
            help="A medicine you take, and when: levothyroxine@7am; repeat.",
            autocompletion=complete_medicine,
        ),
    ] = None,
    condition: Annotated[
        list[str] | None,
        typer.Option(
            "--condition", help="A condition you have; repeat.", autocompletion=names_in("cautions")
        ),
    ] = None,
    for_use: Annotated[
        list[str] | None,
        typer.Option(
            "--for",
            metavar="USE",
            help="What you take it for (migraine...): the doses studied, against your limit; repeat.",
            autocompletion=names_in("uses"),
        ),
    ] = None,
    lab: Annotated[
        str | None,
        typer.Option(
            "--lab",
            metavar="RESULT",
            help="A blood magnesium result as printed: '1.4 mg/dL (1.6-2.6)', '0.62 mmol/L', 'Mg 1.4 L'.",
        ),
    ] = None,
    egfr: Annotated[
        float | None, typer.Option("--egfr", metavar="ML/MIN", help="Kidney function: eGFR.")
    ] = None,
    ckd: Annotated[
        str | None, typer.Option("--ckd", metavar="STAGE", help="Chronic kidney disease stage: 1-5, 3a, 3b.")
    ] = None,
    dialysis: Annotated[bool, typer.Option("--dialysis", help="On dialysis.")] = False,
    region: RegionOption = DEFAULT_REGION,
) -> None:
    """The options of ``check`` and ``report``, declared once (``check_options`` adds them)."""


@functools.cache
def _shared_parameters() -> Mapping[str, inspect.Parameter]:
    """The parameters of ``_check_parameters``, their annotations evaluated once for check and
    report both (evaluating them is most of the cost of importing the commands that use them)."""
    return inspect.signature(_check_parameters, eval_str=True).parameters


def check_options(function: Callable[..., None]) -> Callable[..., None]:
    """Give a command the options ``check`` and ``report`` share, after its context and before its own.

    The command receives them as one ``options`` argument (``CheckOptions``).
    """
    shared = _shared_parameters()
    own = inspect.signature(function, eval_str=True)
    context = [p for p in own.parameters.values() if p.name == "ctx"]
    rest = [p for p in own.parameters.values() if p.name not in ("ctx", "options")]

    @functools.wraps(function)
    def command(ctx: typer.Context, **values: Any) -> None:
        options = CheckOptions(**{name: values.pop(name) for name in shared})
        function(ctx, options, **values)

    setattr(command, "__signature__", own.replace(parameters=[*context, *shared.values(), *rest]))  # noqa: B010
    return command
