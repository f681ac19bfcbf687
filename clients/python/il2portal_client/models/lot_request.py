from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LotRequest")


@_attrs_define
class LotRequest:
    """Base for lab-owned records: ``lab`` may be omitted when the caller has one lab,
    and every related record must belong to the same lab.

        Attributes:
            test_article (int):
            lot_number (str):
            lab (int | Unset):
            concentration (float | None | Unset):
            concentration_unit (str | Unset): e.g. mg/mL, µg/mL
            specific_activity_iu_per_mg (float | None | Unset):
            received_on (datetime.date | None | Unset):
            notes (str | Unset):
    """

    test_article: int
    lot_number: str
    lab: int | Unset = UNSET
    concentration: float | None | Unset = UNSET
    concentration_unit: str | Unset = UNSET
    specific_activity_iu_per_mg: float | None | Unset = UNSET
    received_on: datetime.date | None | Unset = UNSET
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        test_article = self.test_article

        lot_number = self.lot_number

        lab = self.lab

        concentration: float | None | Unset
        if isinstance(self.concentration, Unset):
            concentration = UNSET
        else:
            concentration = self.concentration

        concentration_unit = self.concentration_unit

        specific_activity_iu_per_mg: float | None | Unset
        if isinstance(self.specific_activity_iu_per_mg, Unset):
            specific_activity_iu_per_mg = UNSET
        else:
            specific_activity_iu_per_mg = self.specific_activity_iu_per_mg

        received_on: None | str | Unset
        if isinstance(self.received_on, Unset):
            received_on = UNSET
        elif isinstance(self.received_on, datetime.date):
            received_on = self.received_on.isoformat()
        else:
            received_on = self.received_on

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "test_article": test_article,
                "lot_number": lot_number,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if concentration is not UNSET:
            field_dict["concentration"] = concentration
        if concentration_unit is not UNSET:
            field_dict["concentration_unit"] = concentration_unit
        if specific_activity_iu_per_mg is not UNSET:
            field_dict["specific_activity_iu_per_mg"] = specific_activity_iu_per_mg
        if received_on is not UNSET:
            field_dict["received_on"] = received_on
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        test_article = d.pop("test_article")

        lot_number = d.pop("lot_number")

        lab = d.pop("lab", UNSET)

        def _parse_concentration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        concentration = _parse_concentration(d.pop("concentration", UNSET))

        concentration_unit = d.pop("concentration_unit", UNSET)

        def _parse_specific_activity_iu_per_mg(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        specific_activity_iu_per_mg = _parse_specific_activity_iu_per_mg(d.pop("specific_activity_iu_per_mg", UNSET))

        def _parse_received_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_on_type_0 = datetime.date.fromisoformat(data)

                return received_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        received_on = _parse_received_on(d.pop("received_on", UNSET))

        notes = d.pop("notes", UNSET)

        lot_request = cls(
            test_article=test_article,
            lot_number=lot_number,
            lab=lab,
            concentration=concentration,
            concentration_unit=concentration_unit,
            specific_activity_iu_per_mg=specific_activity_iu_per_mg,
            received_on=received_on,
            notes=notes,
        )

        lot_request.additional_properties = d
        return lot_request

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
