from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sex_enum import SexEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="AnimalRequest")


@_attrs_define
class AnimalRequest:
    """A record under a study: ``lab`` and ``study`` come from the URL's study.

    Attributes:
        tag (str): Ear tag or ID, unique within the study.
        group (int | None | Unset): The group's (arm's) id; null before randomisation.
        cage (str | Unset):
        sex (SexEnum | Unset): * `F` - female
            * `M` - male
        born_on (datetime.date | None | Unset):
        age_weeks (float | None | Unset): Age at implant, in weeks.
        implanted_on (datetime.date | None | Unset):
        notes (str | Unset):
    """

    tag: str
    group: int | None | Unset = UNSET
    cage: str | Unset = UNSET
    sex: SexEnum | Unset = UNSET
    born_on: datetime.date | None | Unset = UNSET
    age_weeks: float | None | Unset = UNSET
    implanted_on: datetime.date | None | Unset = UNSET
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tag = self.tag

        group: int | None | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        cage = self.cage

        sex: str | Unset = UNSET
        if not isinstance(self.sex, Unset):
            sex = self.sex.value

        born_on: None | str | Unset
        if isinstance(self.born_on, Unset):
            born_on = UNSET
        elif isinstance(self.born_on, datetime.date):
            born_on = self.born_on.isoformat()
        else:
            born_on = self.born_on

        age_weeks: float | None | Unset
        if isinstance(self.age_weeks, Unset):
            age_weeks = UNSET
        else:
            age_weeks = self.age_weeks

        implanted_on: None | str | Unset
        if isinstance(self.implanted_on, Unset):
            implanted_on = UNSET
        elif isinstance(self.implanted_on, datetime.date):
            implanted_on = self.implanted_on.isoformat()
        else:
            implanted_on = self.implanted_on

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tag": tag,
            }
        )
        if group is not UNSET:
            field_dict["group"] = group
        if cage is not UNSET:
            field_dict["cage"] = cage
        if sex is not UNSET:
            field_dict["sex"] = sex
        if born_on is not UNSET:
            field_dict["born_on"] = born_on
        if age_weeks is not UNSET:
            field_dict["age_weeks"] = age_weeks
        if implanted_on is not UNSET:
            field_dict["implanted_on"] = implanted_on
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tag = d.pop("tag")

        def _parse_group(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        cage = d.pop("cage", UNSET)

        _sex = d.pop("sex", UNSET)
        sex: SexEnum | Unset
        if isinstance(_sex, Unset):
            sex = UNSET
        else:
            sex = SexEnum(_sex)

        def _parse_born_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                born_on_type_0 = datetime.date.fromisoformat(data)

                return born_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        born_on = _parse_born_on(d.pop("born_on", UNSET))

        def _parse_age_weeks(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        age_weeks = _parse_age_weeks(d.pop("age_weeks", UNSET))

        def _parse_implanted_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                implanted_on_type_0 = datetime.date.fromisoformat(data)

                return implanted_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        implanted_on = _parse_implanted_on(d.pop("implanted_on", UNSET))

        notes = d.pop("notes", UNSET)

        animal_request = cls(
            tag=tag,
            group=group,
            cage=cage,
            sex=sex,
            born_on=born_on,
            age_weeks=age_weeks,
            implanted_on=implanted_on,
            notes=notes,
        )

        animal_request.additional_properties = d
        return animal_request

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
