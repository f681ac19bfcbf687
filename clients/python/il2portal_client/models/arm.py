from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.arm_treatment import ArmTreatment


T = TypeVar("T", bound="Arm")


@_attrs_define
class Arm:
    """A group (arm). ``treatments`` lists what its animals receive, each with its own test article, lot,
    dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route, schedule``
    are the one-treatment form: written, they mean one treatment (on PATCH: the first treatment);
    read, they are the **first** treatment's values, kept for compatibility (a combination group has
    more: read ``treatments``).

        Attributes:
            id (int):
            lab (int):
            study (int):
            name (str):
            treatment_label (str): Every treatment, joined with ' + '.
            treatment_name (None | str):
            lot_number (None | str):
            n_animals (int | None):
            created_at (datetime.datetime):
            treatments (list[ArmTreatment] | Unset): The group's treatments in order. On PATCH the list replaces them: rows
                with an id change that treatment, rows without add one, treatments left out are removed (refused while they have
                given doses). Planned doses follow.
            treatment (int | None | Unset): One-treatment form: test article id. Read: the first treatment's.
            lot (int | None | Unset): First treatment's lot.
            dose (float | None | Unset): One-treatment form: number in dose_unit, or text '10 mg/kg'. Read: the first
                treatment's.
            dose_unit (None | str | Unset): One-treatment form: the dose's unit (default mg/kg). Read: the first
                treatment's.
            route (None | str | Unset): One-treatment form: i.p., s.c., i.v., i.t., p.o. … Read: the first treatment's.
            schedule (None | str | Unset): One-treatment form: e.g. q3d×5. Read: the first treatment's.
            dosing_start_day (int | None | Unset): Study day of the first dose (default: the randomisation day).
            regimen (str | Unset): The regimen in the protocol's words (free text, not used to plan doses).
            is_control (bool | Unset):
            capacity (int | Unset):
            order (int | Unset):
    """

    id: int
    lab: int
    study: int
    name: str
    treatment_label: str
    treatment_name: None | str
    lot_number: None | str
    n_animals: int | None
    created_at: datetime.datetime
    treatments: list[ArmTreatment] | Unset = UNSET
    treatment: int | None | Unset = UNSET
    lot: int | None | Unset = UNSET
    dose: float | None | Unset = UNSET
    dose_unit: None | str | Unset = UNSET
    route: None | str | Unset = UNSET
    schedule: None | str | Unset = UNSET
    dosing_start_day: int | None | Unset = UNSET
    regimen: str | Unset = UNSET
    is_control: bool | Unset = UNSET
    capacity: int | Unset = UNSET
    order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        study = self.study

        name = self.name

        treatment_label = self.treatment_label

        treatment_name: None | str
        treatment_name = self.treatment_name

        lot_number: None | str
        lot_number = self.lot_number

        n_animals: int | None
        n_animals = self.n_animals

        created_at = self.created_at.isoformat()

        treatments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.treatments, Unset):
            treatments = []
            for treatments_item_data in self.treatments:
                treatments_item = treatments_item_data.to_dict()
                treatments.append(treatments_item)

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

        dose_unit: None | str | Unset
        if isinstance(self.dose_unit, Unset):
            dose_unit = UNSET
        else:
            dose_unit = self.dose_unit

        route: None | str | Unset
        if isinstance(self.route, Unset):
            route = UNSET
        else:
            route = self.route

        schedule: None | str | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        else:
            schedule = self.schedule

        dosing_start_day: int | None | Unset
        if isinstance(self.dosing_start_day, Unset):
            dosing_start_day = UNSET
        else:
            dosing_start_day = self.dosing_start_day

        regimen = self.regimen

        is_control = self.is_control

        capacity = self.capacity

        order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "study": study,
                "name": name,
                "treatment_label": treatment_label,
                "treatment_name": treatment_name,
                "lot_number": lot_number,
                "n_animals": n_animals,
                "created_at": created_at,
            }
        )
        if treatments is not UNSET:
            field_dict["treatments"] = treatments
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
        if dosing_start_day is not UNSET:
            field_dict["dosing_start_day"] = dosing_start_day
        if regimen is not UNSET:
            field_dict["regimen"] = regimen
        if is_control is not UNSET:
            field_dict["is_control"] = is_control
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if order is not UNSET:
            field_dict["order"] = order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arm_treatment import ArmTreatment  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        study = d.pop("study")

        name = d.pop("name")

        treatment_label = d.pop("treatment_label")

        def _parse_treatment_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        treatment_name = _parse_treatment_name(d.pop("treatment_name"))

        def _parse_lot_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lot_number = _parse_lot_number(d.pop("lot_number"))

        def _parse_n_animals(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        n_animals = _parse_n_animals(d.pop("n_animals"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _treatments = d.pop("treatments", UNSET)
        treatments: list[ArmTreatment] | Unset = UNSET
        if _treatments is not UNSET:
            treatments = []
            for treatments_item_data in _treatments:
                treatments_item = ArmTreatment.from_dict(treatments_item_data)

                treatments.append(treatments_item)

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

        def _parse_dose_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dose_unit = _parse_dose_unit(d.pop("dose_unit", UNSET))

        def _parse_route(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        route = _parse_route(d.pop("route", UNSET))

        def _parse_schedule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        def _parse_dosing_start_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        dosing_start_day = _parse_dosing_start_day(d.pop("dosing_start_day", UNSET))

        regimen = d.pop("regimen", UNSET)

        is_control = d.pop("is_control", UNSET)

        capacity = d.pop("capacity", UNSET)

        order = d.pop("order", UNSET)

        arm = cls(
            id=id,
            lab=lab,
            study=study,
            name=name,
            treatment_label=treatment_label,
            treatment_name=treatment_name,
            lot_number=lot_number,
            n_animals=n_animals,
            created_at=created_at,
            treatments=treatments,
            treatment=treatment,
            lot=lot,
            dose=dose,
            dose_unit=dose_unit,
            route=route,
            schedule=schedule,
            dosing_start_day=dosing_start_day,
            regimen=regimen,
            is_control=is_control,
            capacity=capacity,
            order=order,
        )

        arm.additional_properties = d
        return arm

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
