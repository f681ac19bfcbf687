from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EquivalenceTest")


@_attrs_define
class EquivalenceTest:
    """
    Attributes:
        parameter (str):
        estimate (float | None):
        ci (list[float | None] | None): 90 % CI of the difference (or ratio).
        margin (list[float | None] | None): Equivalence margin.
        passed (bool):
    """

    parameter: str
    estimate: float | None
    ci: list[float | None] | None
    margin: list[float | None] | None
    passed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parameter = self.parameter

        estimate: float | None
        estimate = self.estimate

        ci: list[float | None] | None
        if isinstance(self.ci, list):
            ci = []
            for ci_type_0_item_data in self.ci:
                ci_type_0_item: float | None
                ci_type_0_item = ci_type_0_item_data
                ci.append(ci_type_0_item)

        else:
            ci = self.ci

        margin: list[float | None] | None
        if isinstance(self.margin, list):
            margin = []
            for margin_type_0_item_data in self.margin:
                margin_type_0_item: float | None
                margin_type_0_item = margin_type_0_item_data
                margin.append(margin_type_0_item)

        else:
            margin = self.margin

        passed = self.passed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "parameter": parameter,
                "estimate": estimate,
                "ci": ci,
                "margin": margin,
                "passed": passed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        parameter = d.pop("parameter")

        def _parse_estimate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        estimate = _parse_estimate(d.pop("estimate"))

        def _parse_ci(data: object) -> list[float | None] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ci_type_0 = []
                _ci_type_0 = data
                for ci_type_0_item_data in _ci_type_0:

                    def _parse_ci_type_0_item(data: object) -> float | None:
                        if data is None:
                            return data
                        return cast(float | None, data)

                    ci_type_0_item = _parse_ci_type_0_item(ci_type_0_item_data)

                    ci_type_0.append(ci_type_0_item)

                return ci_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | None] | None, data)

        ci = _parse_ci(d.pop("ci"))

        def _parse_margin(data: object) -> list[float | None] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                margin_type_0 = []
                _margin_type_0 = data
                for margin_type_0_item_data in _margin_type_0:

                    def _parse_margin_type_0_item(data: object) -> float | None:
                        if data is None:
                            return data
                        return cast(float | None, data)

                    margin_type_0_item = _parse_margin_type_0_item(margin_type_0_item_data)

                    margin_type_0.append(margin_type_0_item)

                return margin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | None] | None, data)

        margin = _parse_margin(d.pop("margin"))

        passed = d.pop("passed")

        equivalence_test = cls(
            parameter=parameter,
            estimate=estimate,
            ci=ci,
            margin=margin,
            passed=passed,
        )

        equivalence_test.additional_properties = d
        return equivalence_test

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
