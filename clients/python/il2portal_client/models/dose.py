from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Dose")


@_attrs_define
class Dose:
    """
    Attributes:
        id (int):
        lab (int):
        study (int):
        animal (int):
        tag (str):
        group (int):
        group_name (str):
        treatment (int): The group treatment (an id in the group's treatments).
        test_article (int | None): Test article id.
        treatment_name (str): The test article's name.
        lot_number (None | str):
        date (datetime.date):
        day (int):
        status (str): planned, given or skipped.
        amount (float | None):
        unit (str):
        route (str):
        given_at (datetime.datetime | None):
        given_by (None | str):
        note (str | Unset):
    """

    id: int
    lab: int
    study: int
    animal: int
    tag: str
    group: int
    group_name: str
    treatment: int
    test_article: int | None
    treatment_name: str
    lot_number: None | str
    date: datetime.date
    day: int
    status: str
    amount: float | None
    unit: str
    route: str
    given_at: datetime.datetime | None
    given_by: None | str
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        study = self.study

        animal = self.animal

        tag = self.tag

        group = self.group

        group_name = self.group_name

        treatment = self.treatment

        test_article: int | None
        test_article = self.test_article

        treatment_name = self.treatment_name

        lot_number: None | str
        lot_number = self.lot_number

        date = self.date.isoformat()

        day = self.day

        status = self.status

        amount: float | None
        amount = self.amount

        unit = self.unit

        route = self.route

        given_at: None | str
        if isinstance(self.given_at, datetime.datetime):
            given_at = self.given_at.isoformat()
        else:
            given_at = self.given_at

        given_by: None | str
        given_by = self.given_by

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "study": study,
                "animal": animal,
                "tag": tag,
                "group": group,
                "group_name": group_name,
                "treatment": treatment,
                "test_article": test_article,
                "treatment_name": treatment_name,
                "lot_number": lot_number,
                "date": date,
                "day": day,
                "status": status,
                "amount": amount,
                "unit": unit,
                "route": route,
                "given_at": given_at,
                "given_by": given_by,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        study = d.pop("study")

        animal = d.pop("animal")

        tag = d.pop("tag")

        group = d.pop("group")

        group_name = d.pop("group_name")

        treatment = d.pop("treatment")

        def _parse_test_article(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        test_article = _parse_test_article(d.pop("test_article"))

        treatment_name = d.pop("treatment_name")

        def _parse_lot_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lot_number = _parse_lot_number(d.pop("lot_number"))

        date = datetime.date.fromisoformat(d.pop("date"))

        day = d.pop("day")

        status = d.pop("status")

        def _parse_amount(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        amount = _parse_amount(d.pop("amount"))

        unit = d.pop("unit")

        route = d.pop("route")

        def _parse_given_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                given_at_type_0 = datetime.datetime.fromisoformat(data)

                return given_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        given_at = _parse_given_at(d.pop("given_at"))

        def _parse_given_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        given_by = _parse_given_by(d.pop("given_by"))

        note = d.pop("note", UNSET)

        dose = cls(
            id=id,
            lab=lab,
            study=study,
            animal=animal,
            tag=tag,
            group=group,
            group_name=group_name,
            treatment=treatment,
            test_article=test_article,
            treatment_name=treatment_name,
            lot_number=lot_number,
            date=date,
            day=day,
            status=status,
            amount=amount,
            unit=unit,
            route=route,
            given_at=given_at,
            given_by=given_by,
            note=note,
        )

        dose.additional_properties = d
        return dose

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
