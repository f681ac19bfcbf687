from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.layout_well_role_enum import LayoutWellRoleEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="LayoutWellRequest")


@_attrs_define
class LayoutWellRequest:
    """
    Attributes:
        well (str):
        role (LayoutWellRoleEnum): * `standard` - standard
            * `sample` - sample
            * `qc` - qc
            * `blank` - blank
            * `positive_control` - positive_control
            * `negative_control` - negative_control
            * `empty` - empty
        group (str | Unset): Replicates share a group.
        concentration (float | None | Unset):
        unit (str | Unset):
        dilution_factor (float | Unset):
        sample (str | Unset):
        lot (int | None | Unset):
    """

    well: str
    role: LayoutWellRoleEnum
    group: str | Unset = UNSET
    concentration: float | None | Unset = UNSET
    unit: str | Unset = UNSET
    dilution_factor: float | Unset = UNSET
    sample: str | Unset = UNSET
    lot: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        well = self.well

        role = self.role.value

        group = self.group

        concentration: float | None | Unset
        if isinstance(self.concentration, Unset):
            concentration = UNSET
        else:
            concentration = self.concentration

        unit = self.unit

        dilution_factor = self.dilution_factor

        sample = self.sample

        lot: int | None | Unset
        if isinstance(self.lot, Unset):
            lot = UNSET
        else:
            lot = self.lot

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "well": well,
                "role": role,
            }
        )
        if group is not UNSET:
            field_dict["group"] = group
        if concentration is not UNSET:
            field_dict["concentration"] = concentration
        if unit is not UNSET:
            field_dict["unit"] = unit
        if dilution_factor is not UNSET:
            field_dict["dilution_factor"] = dilution_factor
        if sample is not UNSET:
            field_dict["sample"] = sample
        if lot is not UNSET:
            field_dict["lot"] = lot

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        well = d.pop("well")

        role = LayoutWellRoleEnum(d.pop("role"))

        group = d.pop("group", UNSET)

        def _parse_concentration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        concentration = _parse_concentration(d.pop("concentration", UNSET))

        unit = d.pop("unit", UNSET)

        dilution_factor = d.pop("dilution_factor", UNSET)

        sample = d.pop("sample", UNSET)

        def _parse_lot(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        lot = _parse_lot(d.pop("lot", UNSET))

        layout_well_request = cls(
            well=well,
            role=role,
            group=group,
            concentration=concentration,
            unit=unit,
            dilution_factor=dilution_factor,
            sample=sample,
            lot=lot,
        )

        layout_well_request.additional_properties = d
        return layout_well_request

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
