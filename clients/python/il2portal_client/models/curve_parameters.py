from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CurveParameters")


@_attrs_define
class CurveParameters:
    """Prism's names and meanings: log_ec50 is log10; a falling curve has a negative hill_slope.
    A parameter the model does not have, or that sits on a bound, is null.

        Attributes:
            bottom (float | None):
            top (float | None):
            hill_slope (float | None):
            ec50 (float | None): In the unit of the concentrations.
            log_ec50 (float | None): log10 of ec50.
            asymmetry (float | None): 5PL only (S).
            slope (float | None | Unset): linear and loglog models only.
            intercept (float | None | Unset): linear and loglog models only.
    """

    bottom: float | None
    top: float | None
    hill_slope: float | None
    ec50: float | None
    log_ec50: float | None
    asymmetry: float | None
    slope: float | None | Unset = UNSET
    intercept: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bottom: float | None
        bottom = self.bottom

        top: float | None
        top = self.top

        hill_slope: float | None
        hill_slope = self.hill_slope

        ec50: float | None
        ec50 = self.ec50

        log_ec50: float | None
        log_ec50 = self.log_ec50

        asymmetry: float | None
        asymmetry = self.asymmetry

        slope: float | None | Unset
        if isinstance(self.slope, Unset):
            slope = UNSET
        else:
            slope = self.slope

        intercept: float | None | Unset
        if isinstance(self.intercept, Unset):
            intercept = UNSET
        else:
            intercept = self.intercept

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bottom": bottom,
                "top": top,
                "hill_slope": hill_slope,
                "ec50": ec50,
                "log_ec50": log_ec50,
                "asymmetry": asymmetry,
            }
        )
        if slope is not UNSET:
            field_dict["slope"] = slope
        if intercept is not UNSET:
            field_dict["intercept"] = intercept

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_bottom(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bottom = _parse_bottom(d.pop("bottom"))

        def _parse_top(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        top = _parse_top(d.pop("top"))

        def _parse_hill_slope(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        hill_slope = _parse_hill_slope(d.pop("hill_slope"))

        def _parse_ec50(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ec50 = _parse_ec50(d.pop("ec50"))

        def _parse_log_ec50(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_ec50 = _parse_log_ec50(d.pop("log_ec50"))

        def _parse_asymmetry(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        asymmetry = _parse_asymmetry(d.pop("asymmetry"))

        def _parse_slope(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        slope = _parse_slope(d.pop("slope", UNSET))

        def _parse_intercept(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        intercept = _parse_intercept(d.pop("intercept", UNSET))

        curve_parameters = cls(
            bottom=bottom,
            top=top,
            hill_slope=hill_slope,
            ec50=ec50,
            log_ec50=log_ec50,
            asymmetry=asymmetry,
            slope=slope,
            intercept=intercept,
        )

        curve_parameters.additional_properties = d
        return curve_parameters

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
