"""The ``cautions`` answer: conditions that call for care with magnesium, and the signs of too much."""

from __future__ import annotations

import msgspec

from magref import lookup
from magref.answers import Shape
from magref.catalog import Catalog
from magref.model import Caution, ExcessSigns, Source


class CautionsDocument(Shape):
    """``cautions``: conditions that call for care, and the signs of too much magnesium."""

    items: list[Caution]
    signs_of_excess: ExcessSigns


class CautionsAnswer(msgspec.Struct, kw_only=True):
    """``cautions [CONDITION]``: the document ``--json`` prints, and for one condition the records
    of the sources it and the signs of excess cite (none for the list)."""

    json: CautionsDocument
    sources: list[Source]


def cautions(data: Catalog, condition: str | None = None) -> CautionsAnswer:
    """Every caution, or the one for ``condition`` (by id, name or alias: "CKD" finds kidney
    disease), with the signs of too much magnesium."""
    excess = data.excess
    if condition is None:
        return CautionsAnswer(
            json=CautionsDocument(items=list(data.cautions), signs_of_excess=excess), sources=[]
        )
    found = lookup.find_caution(data, condition)
    sources = lookup.cited(data, [*found.sources, *excess.sources])
    return CautionsAnswer(json=CautionsDocument(items=[found], signs_of_excess=excess), sources=sources)
