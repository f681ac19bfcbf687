from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.blank_enum import BlankEnum
from ..models.vendor_enum import VendorEnum
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="PlateUploadRequest")


@_attrs_define
class PlateUploadRequest:
    """
    Attributes:
        file (File): The plate-reader export, unchanged.
        lab (int | Unset): Omit when you belong to one lab.
        vendor (BlankEnum | Unset | VendorEnum): Force a format (see /api/v1/plates/formats/); detected from the content
            when omitted.

            * `gen5` - gen5
            * `gen5_kinetic_columns` - gen5_kinetic_columns
            * `gen5_xlsx` - gen5_xlsx
            * `softmax_pro` - softmax_pro
            * `bmg_mars` - bmg_mars
            * `bmg_mars_xlsx` - bmg_mars_xlsx
            * `bmg_smart_control` - bmg_smart_control
            * `envision` - envision
            * `kaleido` - kaleido
            * `victor_nivo` - victor_nivo
            * `victor_x3` - victor_x3
            * `msd` - msd
            * `tecan_spark_csv` - tecan_spark_csv
            * `skanit_csv` - skanit_csv
            * `tecan_magellan` - tecan_magellan
            * `tecan_spark` - tecan_spark
            * `tecan_icontrol` - tecan_icontrol
            * `skanit` - skanit
            * `skanit_results` - skanit_results
            * `multiskan_long` - multiskan_long
            * `glomax` - glomax
            * `matrix` - matrix
            * `long_csv` - long_csv
        name (str | Unset):
        barcode (str | Unset):
        layout (int | None | Unset):
    """

    file: File
    lab: int | Unset = UNSET
    vendor: BlankEnum | Unset | VendorEnum = UNSET
    name: str | Unset = UNSET
    barcode: str | Unset = UNSET
    layout: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        lab = self.lab

        vendor: str | Unset
        if isinstance(self.vendor, Unset):
            vendor = UNSET
        elif isinstance(self.vendor, VendorEnum):
            vendor = self.vendor.value
        else:
            vendor = self.vendor.value

        name = self.name

        barcode = self.barcode

        layout: int | None | Unset
        if isinstance(self.layout, Unset):
            layout = UNSET
        else:
            layout = self.layout

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if vendor is not UNSET:
            field_dict["vendor"] = vendor
        if name is not UNSET:
            field_dict["name"] = name
        if barcode is not UNSET:
            field_dict["barcode"] = barcode
        if layout is not UNSET:
            field_dict["layout"] = layout

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.lab, Unset):
            files.append(("lab", (None, str(self.lab).encode(), "text/plain")))

        if not isinstance(self.vendor, Unset):
            if isinstance(self.vendor, VendorEnum):
                files.append(("vendor", (None, str(self.vendor.value).encode(), "text/plain")))
            else:
                files.append(("vendor", (None, str(self.vendor.value).encode(), "text/plain")))

        if not isinstance(self.name, Unset):
            files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.barcode, Unset):
            files.append(("barcode", (None, str(self.barcode).encode(), "text/plain")))

        if not isinstance(self.layout, Unset):
            if isinstance(self.layout, int):
                files.append(("layout", (None, str(self.layout).encode(), "text/plain")))
            else:
                files.append(("layout", (None, str(self.layout).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        lab = d.pop("lab", UNSET)

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

        name = d.pop("name", UNSET)

        barcode = d.pop("barcode", UNSET)

        def _parse_layout(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        layout = _parse_layout(d.pop("layout", UNSET))

        plate_upload_request = cls(
            file=file,
            lab=lab,
            vendor=vendor,
            name=name,
            barcode=barcode,
            layout=layout,
        )

        plate_upload_request.additional_properties = d
        return plate_upload_request

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
