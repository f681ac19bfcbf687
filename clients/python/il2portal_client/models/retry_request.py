from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum
from ..models.vendor_enum import VendorEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="RetryRequest")


@_attrs_define
class RetryRequest:
    """
    Attributes:
        vendor (BlankEnum | Unset | VendorEnum):
    """

    vendor: BlankEnum | Unset | VendorEnum = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vendor: str | Unset
        if isinstance(self.vendor, Unset):
            vendor = UNSET
        elif isinstance(self.vendor, VendorEnum):
            vendor = self.vendor.value
        else:
            vendor = self.vendor.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if vendor is not UNSET:
            field_dict["vendor"] = vendor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_vendor(data: object) -> BlankEnum | Unset | VendorEnum:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vendor_type_0 = VendorEnum(data)

                return vendor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            vendor_type_1 = BlankEnum(data)

            return vendor_type_1

        vendor = _parse_vendor(d.pop("vendor", UNSET))

        retry_request = cls(
            vendor=vendor,
        )

        retry_request.additional_properties = d
        return retry_request

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
