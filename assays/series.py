"""Packing a kinetic or spectral read into its array columns on ``assays.models.Read`` and back.

Layout (see ``Read``'s docstring): ``series`` is float64 little-endian, shape (wells, points), row-major;
NaN marks a point without a number; ``series_flags`` is {well: {point index (str): flag}}.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assays import readers
from assays.readers.base import MISSING

DTYPE = np.dtype("<f8")


@dataclass(frozen=True)
class Series:
    axis: tuple[float, ...]  # seconds (kinetic) or nm (spectral)
    wells: tuple[str, ...]
    values: np.ndarray  # (len(wells), len(axis)) float64, NaN where no number
    flags: dict[str, dict[str, str]]

    def row(self, well: str) -> np.ndarray | None:
        try:
            return self.values[self.wells.index(well)]
        except ValueError:
            return None


def pack(read: readers.Read) -> dict:
    """The Read model fields for a parsed series read: mode, timepoints/wavelengths, series_*."""
    spectral = read.is_spectral
    axis = list(read.wavelengths if spectral else read.timepoints)
    position = {x: i for i, x in enumerate(axis)}
    wells = list(read.wells)
    row_of = {w: i for i, w in enumerate(wells)}
    values = np.full((len(wells), len(axis)), np.nan, dtype=DTYPE)
    flags: dict[str, dict[str, str]] = {}
    for p in read.points:
        x = p.wavelength_nm if spectral else p.time_s
        if x is None:
            continue
        j = position[x]
        if p.value is not None:
            values[row_of[p.well], j] = p.value
        if p.flag:
            flags.setdefault(p.well, {})[str(j)] = p.flag
    return {
        "mode": "spectral" if spectral else "kinetic",
        "timepoints": [] if spectral else axis,
        "wavelengths": axis if spectral else [],
        "series_wells": wells,
        "series": values.tobytes(),
        "series_flags": flags,
    }


def unpack(read) -> Series:
    """A stored Read's series (an empty one for an endpoint read)."""
    axis = tuple(read.wavelengths if read.mode == "spectral" else read.timepoints)
    wells = tuple(read.series_wells or ())
    blob = bytes(read.series or b"")
    values = np.frombuffer(blob, dtype=DTYPE).reshape(len(wells), len(axis)) if blob else np.empty((0, 0))
    return Series(axis=axis, wells=wells, values=values, flags=read.series_flags or {})


def points(read) -> list[readers.Point]:
    """The stored series as reader points again (for exports and the long-form API)."""
    s = unpack(read)
    spectral = read.mode == "spectral"
    out = []
    for i, well in enumerate(s.wells):
        flags = s.flags.get(well, {})
        row = s.values[i]
        for j, x in enumerate(s.axis):
            v = row[j]
            value = None if np.isnan(v) else float(v)
            flag = flags.get(str(j))
            if value is None and flag is None:
                flag = MISSING
            out.append(
                readers.Point(
                    well=well,
                    time_s=None if spectral else x,
                    value=value,
                    flag=flag,
                    wavelength_nm=x if spectral else None,
                )
            )
    return out
