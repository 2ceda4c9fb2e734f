"""Commands about what a person takes: amounts to elemental magnesium, a day's stack, products, labels."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from magref.cli.context import complete_form, emit, load, names_in
from magref.cli.options import AgeOption, JsonOption, RegionOption, not_blank
from magref.errors import InputError
from magref.region import DEFAULT_REGION, ENV_REGION, Region


def convert(
    ctx: typer.Context,
    amount: Annotated[
        list[str],
        typer.Argument(
            metavar="AMOUNT [FORM|PRODUCT]",
            help="500mg glycinate, 375 mg magnesium, 4 mmol, 30ml 'milk of magnesia'.",
            autocompletion=complete_form,
        ),
    ],
    elemental: Annotated[
        bool, typer.Option("--elemental", help="AMOUNT is elemental magnesium: how much compound gives it?")
    ] = False,
    times: Annotated[int, typer.Option("--times", metavar="N", help="Doses a day, for the daily total.")] = 1,
    units: Annotated[bool, typer.Option("--mmol", help="Also show mmol and mEq.")] = False,
    age: AgeOption = None,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """Milligrams of a form or product to elemental magnesium, and the daily total against the limit.

    Example: magref convert 500mg glycinate --times 2
    """
    from magref import amounts, dosing, intake
    from magref.render import intake_views as views

    item = _with_times(amounts.parse_item(" ".join(amount)), times)
    if elemental:
        item = _elemental(item)
    data = load(ctx)
    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    answer = intake.convert(data, item, who, region, elemental=elemental, show_units=units)
    emit(ctx, json, lambda: answer.json, lambda: views.convert_document(answer))


def _with_times(item: Any, times: int) -> Any:
    """The item with doses a day from --times; refused when the item already says a different count."""
    import msgspec

    if times == 1:
        return item
    if item.times != 1 and item.times != times:
        raise InputError("count-twice-times", text=item.text, item_times=item.times, times=times)
    return msgspec.structs.replace(item, times=times)


def _elemental(item: Any) -> Any:
    import msgspec

    from magref.intake import Basis, Mass

    if item.mass is None:
        raise InputError("elemental-needs-mass")
    return msgspec.structs.replace(item, mass=Mass(item.mass.mg, Basis.ELEMENTAL, item.mass.stated))


def stack(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            metavar="ITEM...",
            help="Each thing you take, quoted: 'glycinate 200 mg elemental x2', 'milk of magnesia 30 mL'.",
            autocompletion=names_in("forms", "products"),
        ),
    ],
    age: AgeOption = None,
    region: RegionOption = DEFAULT_REGION,
    json: JsonOption = False,
) -> None:
    """Everything taken in a day, added up as elemental magnesium against the upper limit.

    Example: magref stack "glycinate 200 mg elemental x2" "milk of magnesia 30 mL" "rolaids 2 tablets x3"
    """
    from magref import amounts, dosing, intake
    from magref.render import intake_views as views

    requests = [amounts.parse_item(text) for text in items]
    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    answer = intake.stack_answer(load(ctx), requests, who, region)
    emit(ctx, json, lambda: answer.json, lambda: views.stack_document(answer))


def products(
    ctx: typer.Context,
    name: Annotated[
        list[str] | None,
        typer.Argument(
            help="A product: rolaids, milk of magnesia...",
            autocompletion=names_in("products"),
            callback=not_blank,
        ),
    ] = None,
    age: Annotated[
        float | None, typer.Option("--age", help="An age in years: the label's dose at that age.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """Medicines and products that carry magnesium, with the figures from their labels.

    Example: magref products milk of magnesia --age 8
    """
    from magref import doses
    from magref.render import dose_views
    from magref.render import intake_views as views

    data = load(ctx)
    if not name:
        if age is not None:
            raise InputError("age-needs-product")
        every = doses.products(data)
        emit(ctx, json, lambda: every.json, lambda: views.products_document(every))
        return
    answer = doses.product(data, " ".join(name), age)
    emit(ctx, json, lambda: dose_views.product_json(answer), lambda: dose_views.product_document(answer))


def label(
    ctx: typer.Context,
    text: Annotated[list[str], typer.Argument(metavar="TEXT", help="One line of a label, quoted.")],
    age: AgeOption = None,
    region: Annotated[
        Region | None,
        typer.Option(
            "--region",
            envvar=ENV_REGION,
            case_sensitive=False,
            help="Whose upper limit; without it, % NRV reads as EU and % DV as US.",
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Read one label line: which compound, how much elemental magnesium, and whether it is ambiguous.

    Example: magref label "Magnesium (as magnesium glycinate) 200 mg"
    """
    from magref import dosing, labels
    from magref.render import intake_views as views

    who = dosing.ADULT_AGE if age is None else dosing.check_age(age)
    answer = labels.label(load(ctx), " ".join(text), who, region)
    emit(ctx, json, lambda: answer.json, lambda: views.label_document(answer))
