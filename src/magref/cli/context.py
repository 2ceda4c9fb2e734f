"""What every command shares: the options given before it, the dataset, the output mode, files."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec
import typer

from magref.errors import InputError, MagrefError

if TYPE_CHECKING:
    from magref.catalog import Catalog
    from magref.plan import Plan
    from magref.render.document import Document
    from magref.render.output import Mode


class Settings(msgspec.Struct, frozen=True):
    """Options given before the command."""

    data: str | None = None
    no_color: bool = False


class _State:
    """Set when the cached index turned out damaged during this run: answer from memory."""

    index_in_memory = False


STATE = _State()


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, Settings) else Settings()


def load(ctx: typer.Context) -> "Catalog":
    """The dataset the run reads (``--data``, ``MAGREF_DATA`` or the bundled one), through its index."""
    from magref import dataset

    location = dataset.resolve_location(settings(ctx).data)
    catalog = dataset.load(location, use_cache=not STATE.index_in_memory)
    if catalog.cache_note:
        from magref.render.output import error as show_error
        from magref.render.views import cache_warning

        show_error(*cache_warning(catalog.cache_note))
    return catalog


def mode(ctx: typer.Context, json: bool) -> "Mode":
    from magref.render import output

    return output.detect(json=json, no_color=settings(ctx).no_color)


def emit(
    ctx: typer.Context, json: bool, payload: Callable[[], Any], document: Callable[[], "Document"]
) -> None:
    """Print the answer: ``payload`` as JSON, or ``document`` painted for a terminal or a pipe."""
    from magref.render import output

    output.emit(mode(ctx, json), payload, document)


def given(ctx: typer.Context, name: str) -> bool:
    """Whether the option ``name`` was typed on the command line (not a default or the environment)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


def write_ics(path: str, plan: "Plan") -> None:
    from datetime import date

    from magref.render import ics

    write_file(path, ics.calendar(plan, date.today()))


def write_file(path: str, content: bytes | str) -> None:
    from magref.render import output

    output.write_file(path, content)


def one_stdout(*writers: tuple[str, bool]) -> None:
    """Refuse two documents on standard output at once (``--ics -`` with the page or JSON)."""
    named = [name for name, to_stdout in writers if to_stdout]
    if len(named) > 1:
        raise InputError("two-on-stdout", names=named)


# -- shell completion -----------------------------------------------------------------------------


def complete_medicine(ctx: typer.Context, incomplete: str) -> list[str]:
    """Medicine names, brands and class words that start with what was typed."""
    return names_in("interactions", "medicines", "families")(ctx, incomplete)


def complete_form(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        data = load(ctx)
    except MagrefError:
        return []
    return [form.id for form in data.forms if form.id.startswith(incomplete.lower())]


def names_in(*sections: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion from the names of entries in ``sections`` (products, cautions...)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            data = load(ctx)
        except MagrefError:
            return []
        return _as_typed(data.completions(list(sections), incomplete), incomplete)

    return complete


def _as_typed(labels: list[str], incomplete: str) -> list[str]:
    """Completions that start exactly as typed: the shell drops any whose case differs ("jap": "japan")."""
    return list(dict.fromkeys(incomplete + label[len(incomplete) :] for label in labels))
