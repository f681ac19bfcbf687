from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mode_enum import ModeEnum
from ..models.read_kind_enum import ReadKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Read")


@_attrs_define
class Read:
    """
    Attributes:
        id (int):
        label (str):
        kind (ReadKindEnum): * `absorbance` - Absorbance
            * `luminescence` - Luminescence
            * `fluorescence` - Fluorescence
            * `other` - Other
        wavelength_nm (float | None | Unset):
        timepoints (Any | Unset):
        mode (ModeEnum | Unset): * `endpoint` - Endpoint
            * `kinetic` - Kinetic
            * `spectral` - Spectral
        wavelengths (Any | Unset):
        calculated (bool | Unset):
        metadata (Any | Unset):
    """

    id: int
    label: str
    kind: ReadKindEnum
    wavelength_nm: float | None | Unset = UNSET
    timepoints: Any | Unset = UNSET
    mode: ModeEnum | Unset = UNSET
    wavelengths: Any | Unset = UNSET
    calculated: bool | Unset = UNSET
    metadata: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label = self.label

        kind = self.kind.value

        wavelength_nm: float | None | Unset
        if isinstance(self.wavelength_nm, Unset):
            wavelength_nm = UNSET
        else:
            wavelength_nm = self.wavelength_nm

        timepoints = self.timepoints

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        wavelengths = self.wavelengths

        calculated = self.calculated

        metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
                "kind": kind,
            }
        )
        if wavelength_nm is not UNSET:
            field_dict["wavelength_nm"] = wavelength_nm
        if timepoints is not UNSET:
            field_dict["timepoints"] = timepoints
        if mode is not UNSET:
            field_dict["mode"] = mode
        if wavelengths is not UNSET:
            field_dict["wavelengths"] = wavelengths
        if calculated is not UNSET:
            field_dict["calculated"] = calculated
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        label = d.pop("label")

        kind = ReadKindEnum(d.pop("kind"))

        def _parse_wavelength_nm(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        wavelength_nm = _parse_wavelength_nm(d.pop("wavelength_nm", UNSET))

        timepoints = d.pop("timepoints", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: ModeEnum | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = ModeEnum(_mode)

        wavelengths = d.pop("wavelengths", UNSET)

        calculated = d.pop("calculated", UNSET)

        metadata = d.pop("metadata", UNSET)

        read = cls(
            id=id,
            label=label,
            kind=kind,
            wavelength_nm=wavelength_nm,
            timepoints=timepoints,
            mode=mode,
            wavelengths=wavelengths,
            calculated=calculated,
            metadata=metadata,
        )

        read.additional_properties = d
        return read

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
