from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_status_enum import ImportStatusEnum

T = TypeVar("T", bound="PlateImport")


@_attrs_define
class PlateImport:
    """
    Attributes:
        id (int):
        url (str):
        lab (int):
        status (ImportStatusEnum): * `succeeded` - Succeeded
            * `failed` - Failed
        original_filename (str):
        size (int):
        sha256 (None | str):
        vendor_requested (str):
        vendor (str):
        error_code (str):
        error_message (str):
        error_detail (Any):
        warnings (Any):
        parse_ms (float | None):
        plates (list[int]):
        created_at (datetime.datetime):
        created_by (None | str):
    """

    id: int
    url: str
    lab: int
    status: ImportStatusEnum
    original_filename: str
    size: int
    sha256: None | str
    vendor_requested: str
    vendor: str
    error_code: str
    error_message: str
    error_detail: Any
    warnings: Any
    parse_ms: float | None
    plates: list[int]
    created_at: datetime.datetime
    created_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        lab = self.lab

        status = self.status.value

        original_filename = self.original_filename

        size = self.size

        sha256: None | str
        sha256 = self.sha256

        vendor_requested = self.vendor_requested

        vendor = self.vendor

        error_code = self.error_code

        error_message = self.error_message

        error_detail = self.error_detail

        warnings = self.warnings

        parse_ms: float | None
        parse_ms = self.parse_ms

        plates = self.plates

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "lab": lab,
                "status": status,
                "original_filename": original_filename,
                "size": size,
                "sha256": sha256,
                "vendor_requested": vendor_requested,
                "vendor": vendor,
                "error_code": error_code,
                "error_message": error_message,
                "error_detail": error_detail,
                "warnings": warnings,
                "parse_ms": parse_ms,
                "plates": plates,
                "created_at": created_at,
                "created_by": created_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        lab = d.pop("lab")

        status = ImportStatusEnum(d.pop("status"))

        original_filename = d.pop("original_filename")

        size = d.pop("size")

        def _parse_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sha256 = _parse_sha256(d.pop("sha256"))

        vendor_requested = d.pop("vendor_requested")

        vendor = d.pop("vendor")

        error_code = d.pop("error_code")

        error_message = d.pop("error_message")

        error_detail = d.pop("error_detail")

        warnings = d.pop("warnings")

        def _parse_parse_ms(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        parse_ms = _parse_parse_ms(d.pop("parse_ms"))

        plates = cast(list[int], d.pop("plates"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        plate_import = cls(
            id=id,
            url=url,
            lab=lab,
            status=status,
            original_filename=original_filename,
            size=size,
            sha256=sha256,
            vendor_requested=vendor_requested,
            vendor=vendor,
            error_code=error_code,
            error_message=error_message,
            error_detail=error_detail,
            warnings=warnings,
            parse_ms=parse_ms,
            plates=plates,
            created_at=created_at,
            created_by=created_by,
        )

        plate_import.additional_properties = d
        return plate_import

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
