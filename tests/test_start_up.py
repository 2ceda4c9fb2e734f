"""What the magref command does at start-up, and what check and report load: the collector paused
while modules load, annotations evaluated where Typer and msgspec read them, no module loaded
for an option that was not given."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import msgspec

from magref import model
from magref.cli import context, options

PERSON = [
    "--age", "68", "--sex", "female", "--drug", "levothyroxine@07:00", "--drug", "furosemide@08:00",
    "--form", "citrate", "--amount", "400",
]  # fmt: skip


def _command(*args: str, before: str = "", after: str = "") -> dict[str, object]:
    """Run ``magref ARGS`` as the command runs (argv[0] is magref) and return what ``after`` found."""
    probe = (
        "import json, sys, atexit\n"
        f"sys.argv = ['magref', *{list(args)!r}]\n"
        f"{before}\n"
        "found = {}\n"
        "def report():\n"
        f"{after}\n"
        "    sys.stderr.write('\\n' + json.dumps(found))\n"
        "atexit.register(report)\n"
        "from magref.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


def test_the_command_loads_its_modules_with_the_collector_paused_then_turns_it_back_on() -> None:
    """While magref's modules load nothing is collected; the command runs with the collector on,
    collecting its youngest objects less often than Python's 700."""
    found = _command(
        "--version",
        before="import gc\nstarted = gc.get_stats()[0]['collections']\nimport magref\n"
        "paused = not gc.isenabled()\nimport magref.cli\n"
        "loaded = gc.get_stats()[0]['collections'] - started",
        after="    import gc\n    found.update(paused=paused, loaded=loaded, enabled=gc.isenabled(),\n"
        "        every=gc.get_threshold()[0])",
    )
    assert found == {"paused": True, "loaded": 0, "enabled": True, "every": 20_000}


def test_a_program_importing_magref_keeps_its_collector() -> None:
    probe = "import gc\nimport magref, magref.cli\nprint(gc.isenabled(), gc.get_threshold()[0])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "700"]


def test_check_and_report_do_not_load_the_label_reader() -> None:
    """The amount reader takes the compound words from names; the label reader is for ``label``."""
    after = "    found['labels'] = 'magref.labels' in sys.modules"
    assert _command("check", *PERSON, after=after) == {"labels": False}
    assert _command("report", *PERSON, after=after) == {"labels": False}
    assert _command("label", "Magnesium (as citrate) 200 mg", after=after) == {"labels": True}


def test_check_reads_the_age_and_sex_given_as_options_without_the_age_patterns() -> None:
    after = (
        "    from magref import who\n"
        "    found['compiled'] = [who._AGE.is_compiled, who._AGE_AND_SEX.is_compiled]"
    )
    assert _command("check", *PERSON, after=after) == {"compiled": [False, False]}
    assert _command("check", "68f", "--form", "citrate", "--amount", "400", after=after) == {
        "compiled": [True, True]
    }


def test_the_dataset_model_holds_evaluated_annotations() -> None:
    """msgspec reads each struct's annotations when it first decodes one: text would be compiled
    and evaluated in every run, types are read as they are."""
    structs = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, msgspec.Struct)
        if value.__module__ == model.__name__
    ]
    assert len(structs) > 20
    for struct in structs:
        for name, annotation in struct.__annotations__.items():
            assert not isinstance(annotation, str), f"{struct.__name__}.{name}: {annotation!r}"


def test_what_typer_reads_on_every_run_is_evaluated() -> None:
    """Typer reads the signatures of the options' callbacks, of the completion functions and of
    the shared options: evaluated annotations are read, not compiled from text."""
    functions = [
        context.complete_form,
        context.complete_medicine,
        context.names_in("forms"),
        options.not_blank,
        options._region,
        options._check_parameters,
    ]
    for function in functions:
        for parameter in inspect.signature(function).parameters.values():
            assert not isinstance(parameter.annotation, str), (function.__name__, parameter.name)
