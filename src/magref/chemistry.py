"""Molar mass and percent elemental magnesium, computed from a chemical formula."""

from __future__ import annotations

import re

#: Standard atomic weights (g/mol), rounded as in the dataset's reference table.
ATOMIC_WEIGHTS: dict[str, float] = {
    "Mg": 24.305,
    "C": 12.011,
    "H": 1.008,
    "N": 14.007,
    "O": 15.999,
    "S": 32.06,
    "Cl": 35.45,
    "Ca": 40.078,
    "K": 39.098,
    "Na": 22.990,
    "P": 30.974,
}

_TOKEN = re.compile(r"([A-Z][a-z]?)|(\d+)|(\()|(\))|(\s+)")


class FormulaError(ValueError):
    """A formula that cannot be read."""


def atom_counts(formula: str) -> dict[str, int]:
    """Count atoms in a formula such as ``Mg3(C6H5O7)2·9H2O`` (a hydrate after ``·``)."""
    counts: dict[str, int] = {}
    for part in re.split(r"[·•*]", formula):
        part = part.strip()
        match = re.match(r"(\d+)(?=[A-Z(])", part)
        multiplier = int(match.group(1)) if match else 1
        for element, number in _parse_group(part[match.end() if match else 0 :]).items():
            counts[element] = counts.get(element, 0) + number * multiplier
    return counts


def _parse_group(text: str) -> dict[str, int]:
    stack: list[dict[str, int]] = [{}]
    last: dict[str, int] | str | None = None
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None:
            raise FormulaError(f"cannot read {text[position:]!r}")
        element, digits, opening, closing, _ = token.groups()
        position = token.end()
        if element:
            if element not in ATOMIC_WEIGHTS:
                raise FormulaError(f"unknown element {element!r}")
            stack[-1][element] = stack[-1].get(element, 0) + 1
            last = element
        elif digits:
            _multiply_last(stack[-1], last, int(digits))
            last = None
        elif opening:
            stack.append({})
            last = None
        elif closing:
            if len(stack) == 1:
                raise FormulaError("unbalanced ')'")
            group = stack.pop()
            for name, number in group.items():
                stack[-1][name] = stack[-1].get(name, 0) + number
            last = group
    if len(stack) != 1:
        raise FormulaError("unbalanced '('")
    return stack[0]


def _multiply_last(counts: dict[str, int], last: dict[str, int] | str | None, factor: int) -> None:
    if last is None:
        raise FormulaError("a count must follow an element or a ')'")
    group = {last: 1} if isinstance(last, str) else last
    for name, number in group.items():
        counts[name] += number * (factor - 1)


def molar_mass(formula: str) -> float:
    """Molar mass in g/mol."""
    return sum(ATOMIC_WEIGHTS[element] * n for element, n in atom_counts(formula).items())


def elemental_percent(formula: str) -> float:
    """Percent of the compound's weight that is magnesium."""
    return 100 * ATOMIC_WEIGHTS["Mg"] * atom_counts(formula).get("Mg", 0) / molar_mass(formula)
