"""The command line as typed, before Click parses it: help in any place, a question instead of a
command, and an option that keeps one value given twice."""

from __future__ import annotations

from typing import Any

from magref.cli.table import COMMANDS
from magref.errors import InputError, UnknownCommand

HELP_WORDS = ("-h", "--help")

#: Put before the words when what was typed after magref was not a command and is searched for.
INSTEAD_OF_A_COMMAND = "\x00not-a-command"


def command_position(args: list[str]) -> int | None:
    """Where the command's name is among the arguments, past the options before it."""
    skip = False
    for position, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--data":
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return position
    return None


def help_after_command(args: list[str]) -> list[str]:
    """``magref -h info`` and ``magref info help`` as ``magref info -h``; ``-help`` as ``--help``.

    A name close to a command is refused here, with the commands it is close to; other words
    ("magref glycinate for sleep") are searched for.
    """
    args = ["--help" if arg == "-help" else arg for arg in args]
    position = command_position(args)
    if position is None:
        return args
    name, before, after = args[position], args[:position], args[position + 1 :]
    if name == "version" and not after:
        return [*before, "--version"]
    if name not in COMMANDS:
        from magref.names import is_noise, suggest

        close = suggest(name, list(COMMANDS))
        if close and not is_noise(name.casefold()):  # "is", "can", "what": a question, not a typo
            raise UnknownCommand(name, close)
        # Not a command nor close to one: a question typed straight after magref, so search it,
        # saying so once the search has found something (a miss says it all in one line).
        return [*before, "search", INSTEAD_OF_A_COMMAND, name, *after]
    if name == "help":
        return args
    if any(arg in HELP_WORDS for arg in before):
        return [*(arg for arg in before if arg not in HELP_WORDS), name, "--help"]
    if [arg for arg in after if not arg.startswith("-")] == ["help"]:
        return [*before, name, "--help"]
    return args


def refuse_repeats(group: Any, ctx: Any, args: list[str]) -> None:
    """Refuse an option that takes one value given twice: the parser would keep only the last one.

    Options that may repeat (--drug, --take...) and on/off flags are left alone.
    """
    single = _single_value_options(group)
    seen: dict[str, int] = {}
    position = 0
    while position < len(args):
        arg = args[position]
        name = arg.split("=", 1)[0]
        if arg == "--":
            return
        if name in single:
            seen[name] = seen.get(name, 0) + 1
            position += 1 if "=" in arg else 2
            continue
        if not arg.startswith("-"):
            command = group.get_command(ctx, arg)
            if command is not None and seen == {} and not hasattr(command, "commands"):
                _refuse_in_command(command, args[position + 1 :])
            break
        position += 1
    _raise_repeats(seen, single, take=False)


def _refuse_in_command(command: Any, args: list[str]) -> None:
    single = _single_value_options(command)
    seen: dict[str, int] = {}
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--":
            break
        name = arg.split("=", 1)[0]
        if name in single:
            seen[name] = seen.get(name, 0) + 1
            position += 1 if "=" in arg else 2
            continue
        position += 1
    take = any("--take" in getattr(param, "opts", []) for param in command.params)
    _raise_repeats(seen, single, take)


def _single_value_options(command: Any) -> dict[str, str]:
    """Each spelling of every option that keeps one value, mapped to its main spelling."""
    found: dict[str, str] = {}
    for param in command.params:
        if getattr(param, "param_type_name", "") != "option" or param.multiple or param.is_flag:
            continue
        for spelling in [*param.opts, *param.secondary_opts]:
            found[spelling] = param.opts[0]
    return found


def _raise_repeats(seen: dict[str, int], single: dict[str, str], take: bool) -> None:
    counts: dict[str, int] = {}
    for spelling, count in seen.items():
        counts[single[spelling]] = counts.get(single[spelling], 0) + count
    repeated = [name for name, count in counts.items() if count > 1]
    if repeated:
        times = [counts[name] for name in repeated]
        raise InputError("repeated-options", options=repeated, counts=times, take=take)
