from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meaning_enum import MeaningEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SignRequestRequest")


@_attrs_define
class SignRequestRequest:
    """
    Attributes:
        meaning (MeaningEnum): * `authored` - authored
            * `reviewed` - reviewed
            * `approved` - approved
            * `rejected` - rejected
        password (str):
        reason (str | Unset):  Default: ''.
    """

    meaning: MeaningEnum
    password: str
    reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        meaning = self.meaning.value

        password = self.password

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "meaning": meaning,
                "password": password,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meaning = MeaningEnum(d.pop("meaning"))

        password = d.pop("password")

        reason = d.pop("reason", UNSET)

        sign_request_request = cls(
            meaning=meaning,
            password=password,
            reason=reason,
        )

        sign_request_request.additional_properties = d
        return sign_request_request

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
