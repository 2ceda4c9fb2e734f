"""magref: an offline reference for magnesium supplements.

The core is usable without the command line::

    from magref import dataset, lookup
    data = dataset.load()
    form = lookup.find_form(data, "bisglycinate")
"""

import os as _os
import sys as _sys

__version__ = "0.1.0"


def _started_as_command() -> bool:
    """True when this process is the ``magref`` command (not a program importing magref)."""
    if _sys.argv and _os.path.basename(_sys.argv[0]) in ("magref", "magref.exe"):
        return True
    argv = list(getattr(_sys, "orig_argv", []))
    return "-m" in argv and argv[argv.index("-m") + 1 :][:1] == ["magref"]


#: True while the ``magref`` command starts up with the cyclic garbage collector paused.
_collector_paused = False

if _started_as_command():
    # Start-up (Python's modules, Typer, magref's own) makes objects that live as long as the
    # process, and no garbage worth a collection: the collector is paused until cli.main()
    # freezes what start-up made and turns it back on, so it does not walk them over and over
    # while the modules load. Programs that import magref are left alone.
    import gc as _gc

    if _gc.isenabled():
        _gc.disable()
        _collector_paused = True

    # Ctrl-C while starting up (nothing written yet): leave at once, with no traceback.
    # cli.main() puts the usual handler back once it can clean up after itself.
    import signal as _signal

    if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, lambda signum, frame: _os._exit(130))
