"""The regions whose reference values magref holds: an enum light enough to load at start-up."""

from __future__ import annotations

from enum import Enum


class Region(str, Enum):
    """A region, by the id its reference values have in the dataset."""

    US = "us"
    EU = "eu"
    UK = "uk"
    AU_NZ = "au-nz"
    DACH = "dach"
    NORDIC = "nordic"
    JAPAN = "japan"
    WHO = "who"

    def __str__(self) -> str:
        return self.value


DEFAULT_REGION = Region.US
#: The environment variable that sets the default region.
ENV_REGION = "MAGREF_REGION"
