from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.well_flag_enum import WellFlagEnum

T = TypeVar("T", bound="Well")


@_attrs_define
class Well:
    """
    Attributes:
        well (str):
        row (str): Row letter(s), e.g. A
        column (int): Column number, 1-based
        read (int):
        wavelength_nm (float | None):
        time_s (float | None):
        value (float | None):
        flag (None | WellFlagEnum): null, or why there is no usable number: saturated, masked, missing, invalid.

            * `saturated` - Saturated
            * `masked` - Masked
            * `missing` - Missing
            * `invalid` - Invalid
    """

    well: str
    row: str
    column: int
    read: int
    wavelength_nm: float | None
    time_s: float | None
    value: float | None
    flag: None | WellFlagEnum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        well = self.well

        row = self.row

        column = self.column

        read = self.read

        wavelength_nm: float | None
        wavelength_nm = self.wavelength_nm

        time_s: float | None
        time_s = self.time_s

        value: float | None
        value = self.value

        flag: None | str
        if isinstance(self.flag, WellFlagEnum):
            flag = self.flag.value
        else:
            flag = self.flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "well": well,
                "row": row,
                "column": column,
                "read": read,
                "wavelength_nm": wavelength_nm,
                "time_s": time_s,
                "value": value,
                "flag": flag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        well = d.pop("well")

        row = d.pop("row")

        column = d.pop("column")

        read = d.pop("read")

        def _parse_wavelength_nm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        wavelength_nm = _parse_wavelength_nm(d.pop("wavelength_nm"))

        def _parse_time_s(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_s = _parse_time_s(d.pop("time_s"))

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_flag(data: object) -> None | WellFlagEnum:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                flag_type_0 = WellFlagEnum(data)

                return flag_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | WellFlagEnum, data)

        flag = _parse_flag(d.pop("flag"))

        well = cls(
            well=well,
            row=row,
            column=column,
            read=read,
            wavelength_nm=wavelength_nm,
            time_s=time_s,
            value=value,
            flag=flag,
        )

        well.additional_properties = d
        return well

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
