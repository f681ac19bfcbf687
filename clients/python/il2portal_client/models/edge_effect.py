from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EdgeEffect")


@_attrs_define
class EdgeEffect:
    """
    Attributes:
        edge_median (float | None):
        interior_median (float | None):
        ratio (float | None):
        difference_pct (float | None):
        n_edge (int):
        n_interior (int):
    """

    edge_median: float | None
    interior_median: float | None
    ratio: float | None
    difference_pct: float | None
    n_edge: int
    n_interior: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        edge_median: float | None
        edge_median = self.edge_median

        interior_median: float | None
        interior_median = self.interior_median

        ratio: float | None
        ratio = self.ratio

        difference_pct: float | None
        difference_pct = self.difference_pct

        n_edge = self.n_edge

        n_interior = self.n_interior

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edge_median": edge_median,
                "interior_median": interior_median,
                "ratio": ratio,
                "difference_pct": difference_pct,
                "n_edge": n_edge,
                "n_interior": n_interior,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_edge_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        edge_median = _parse_edge_median(d.pop("edge_median"))

        def _parse_interior_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        interior_median = _parse_interior_median(d.pop("interior_median"))

        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))

        def _parse_difference_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        difference_pct = _parse_difference_pct(d.pop("difference_pct"))

        n_edge = d.pop("n_edge")

        n_interior = d.pop("n_interior")

        edge_effect = cls(
            edge_median=edge_median,
            interior_median=interior_median,
            ratio=ratio,
            difference_pct=difference_pct,
            n_edge=n_edge,
            n_interior=n_interior,
        )

        edge_effect.additional_properties = d
        return edge_effect

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
