from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArmTreatmentRequest")


@_attrs_define
class ArmTreatmentRequest:
    """One treatment of a group: its own test article, lot, dose, route and schedule.

    Attributes:
        id (int | Unset): When changing a group (PATCH): the treatment to change; leave out to add one.
        treatment (int | None | Unset): Test article id (vehicle, antibody, IL-2 variant) of the study's lab.
        lot (int | None | Unset): Lot id of that test article.
        dose (float | None | Unset): Number in dose_unit, or text '10 mg/kg'.
        dose_unit (str | Unset):
        route (str | Unset):
        schedule (str | Unset): e.g. q3d×5, biw×4, once
    """

    id: int | Unset = UNSET
    treatment: int | None | Unset = UNSET
    lot: int | None | Unset = UNSET
    dose: float | None | Unset = UNSET
    dose_unit: str | Unset = UNSET
    route: str | Unset = UNSET
    schedule: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        treatment: int | None | Unset
        if isinstance(self.treatment, Unset):
            treatment = UNSET
        else:
            treatment = self.treatment

        lot: int | None | Unset
        if isinstance(self.lot, Unset):
            lot = UNSET
        else:
            lot = self.lot

        dose: float | None | Unset
        if isinstance(self.dose, Unset):
            dose = UNSET
        else:
            dose = self.dose

        dose_unit = self.dose_unit

        route = self.route

        schedule = self.schedule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if treatment is not UNSET:
            field_dict["treatment"] = treatment
        if lot is not UNSET:
            field_dict["lot"] = lot
        if dose is not UNSET:
            field_dict["dose"] = dose
        if dose_unit is not UNSET:
            field_dict["dose_unit"] = dose_unit
        if route is not UNSET:
            field_dict["route"] = route
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_treatment(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        treatment = _parse_treatment(d.pop("treatment", UNSET))

        def _parse_lot(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        lot = _parse_lot(d.pop("lot", UNSET))

        def _parse_dose(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dose = _parse_dose(d.pop("dose", UNSET))

        dose_unit = d.pop("dose_unit", UNSET)

        route = d.pop("route", UNSET)

        schedule = d.pop("schedule", UNSET)

        arm_treatment_request = cls(
            id=id,
            treatment=treatment,
            lot=lot,
            dose=dose,
            dose_unit=dose_unit,
            route=route,
            schedule=schedule,
        )

        arm_treatment_request.additional_properties = d
        return arm_treatment_request

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
