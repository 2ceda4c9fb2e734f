"""magref: an offline reference for magnesium supplements.

The core is usable without the command line::

    from magref import dataset, lookup
    data = dataset.load()
    form = lookup.find_form(data, "bisglycinate")
"""

__version__ = "0.1.0"
