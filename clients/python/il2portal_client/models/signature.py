from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meaning_enum import MeaningEnum

T = TypeVar("T", bound="Signature")


@_attrs_define
class Signature:
    """
    Attributes:
        meaning (MeaningEnum): * `authored` - authored
            * `reviewed` - reviewed
            * `approved` - approved
            * `rejected` - rejected
        username (str):
        full_name (str):
        signed_at (str): ISO 8601 in the lab's zone at signing, with offset.
        time_zone (str):
        record_version (int):
        record_sha256 (str):
        reason (str):
    """

    meaning: MeaningEnum
    username: str
    full_name: str
    signed_at: str
    time_zone: str
    record_version: int
    record_sha256: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        meaning = self.meaning.value

        username = self.username

        full_name = self.full_name

        signed_at = self.signed_at

        time_zone = self.time_zone

        record_version = self.record_version

        record_sha256 = self.record_sha256

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "meaning": meaning,
                "username": username,
                "full_name": full_name,
                "signed_at": signed_at,
                "time_zone": time_zone,
                "record_version": record_version,
                "record_sha256": record_sha256,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        meaning = MeaningEnum(d.pop("meaning"))

        username = d.pop("username")

        full_name = d.pop("full_name")

        signed_at = d.pop("signed_at")

        time_zone = d.pop("time_zone")

        record_version = d.pop("record_version")

        record_sha256 = d.pop("record_sha256")

        reason = d.pop("reason")

        signature = cls(
            meaning=meaning,
            username=username,
            full_name=full_name,
            signed_at=signed_at,
            time_zone=time_zone,
            record_version=record_version,
            record_sha256=record_sha256,
            reason=reason,
        )

        signature.additional_properties = d
        return signature

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
