from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.study_status_enum import StudyStatusEnum
from ..models.tumor_model_enum import TumorModelEnum
from ..models.volume_formula_enum import VolumeFormulaEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="StudyRequest")


@_attrs_define
class StudyRequest:
    """Base for lab-owned records: ``lab`` may be omitted when the caller has one lab,
    and every related record must belong to the same lab.

        Attributes:
            name (str):
            lab (int | Unset):
            tumor_model (TumorModelEnum | Unset): * `MC38` - MC38 (colon adenocarcinoma)
                * `B16-F10` - B16-F10 (melanoma)
                * `other` - Other
            cell_line (str | Unset): e.g. MC38 (Kerafast ENH204), passage 8
            strain (str | Unset):
            implanted_on (datetime.date | None | Unset): Date the tumor cells were implanted.
            cells_implanted (int | None | Unset): Cells per animal, e.g. 1000000.
            implant_site (str | Unset):
            day0 (datetime.date | Unset): Study day 0; defaults to implanted_on.
            volume_formula (VolumeFormulaEnum | Unset): * `lw2_half` - L·W²/2
                * `ellipsoid` - π/6·L·W²
            endpoint_volume_mm3 (float | Unset):
            weight_loss_endpoint_pct (float | Unset): Loss from baseline body weight.
            measure_every_days (int | Unset): Measurements are due when an animal's last one is this many days old.
            mean_curve_min_pct (float | Unset): A group's mean tumor volume is plotted only on days when at least this share
                of its animals is measured: later means are of the survivors, whose tumors are the smaller ones.
            status (StudyStatusEnum | Unset): * `planned` - Planned
                * `active` - In life
                * `completed` - Completed
            description (str | Unset):
    """

    name: str
    lab: int | Unset = UNSET
    tumor_model: TumorModelEnum | Unset = UNSET
    cell_line: str | Unset = UNSET
    strain: str | Unset = UNSET
    implanted_on: datetime.date | None | Unset = UNSET
    cells_implanted: int | None | Unset = UNSET
    implant_site: str | Unset = UNSET
    day0: datetime.date | Unset = UNSET
    volume_formula: VolumeFormulaEnum | Unset = UNSET
    endpoint_volume_mm3: float | Unset = UNSET
    weight_loss_endpoint_pct: float | Unset = UNSET
    measure_every_days: int | Unset = UNSET
    mean_curve_min_pct: float | Unset = UNSET
    status: StudyStatusEnum | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        lab = self.lab

        tumor_model: str | Unset = UNSET
        if not isinstance(self.tumor_model, Unset):
            tumor_model = self.tumor_model.value

        cell_line = self.cell_line

        strain = self.strain

        implanted_on: None | str | Unset
        if isinstance(self.implanted_on, Unset):
            implanted_on = UNSET
        elif isinstance(self.implanted_on, datetime.date):
            implanted_on = self.implanted_on.isoformat()
        else:
            implanted_on = self.implanted_on

        cells_implanted: int | None | Unset
        if isinstance(self.cells_implanted, Unset):
            cells_implanted = UNSET
        else:
            cells_implanted = self.cells_implanted

        implant_site = self.implant_site

        day0: str | Unset = UNSET
        if not isinstance(self.day0, Unset):
            day0 = self.day0.isoformat()

        volume_formula: str | Unset = UNSET
        if not isinstance(self.volume_formula, Unset):
            volume_formula = self.volume_formula.value

        endpoint_volume_mm3 = self.endpoint_volume_mm3

        weight_loss_endpoint_pct = self.weight_loss_endpoint_pct

        measure_every_days = self.measure_every_days

        mean_curve_min_pct = self.mean_curve_min_pct

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if tumor_model is not UNSET:
            field_dict["tumor_model"] = tumor_model
        if cell_line is not UNSET:
            field_dict["cell_line"] = cell_line
        if strain is not UNSET:
            field_dict["strain"] = strain
        if implanted_on is not UNSET:
            field_dict["implanted_on"] = implanted_on
        if cells_implanted is not UNSET:
            field_dict["cells_implanted"] = cells_implanted
        if implant_site is not UNSET:
            field_dict["implant_site"] = implant_site
        if day0 is not UNSET:
            field_dict["day0"] = day0
        if volume_formula is not UNSET:
            field_dict["volume_formula"] = volume_formula
        if endpoint_volume_mm3 is not UNSET:
            field_dict["endpoint_volume_mm3"] = endpoint_volume_mm3
        if weight_loss_endpoint_pct is not UNSET:
            field_dict["weight_loss_endpoint_pct"] = weight_loss_endpoint_pct
        if measure_every_days is not UNSET:
            field_dict["measure_every_days"] = measure_every_days
        if mean_curve_min_pct is not UNSET:
            field_dict["mean_curve_min_pct"] = mean_curve_min_pct
        if status is not UNSET:
            field_dict["status"] = status
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        lab = d.pop("lab", UNSET)

        _tumor_model = d.pop("tumor_model", UNSET)
        tumor_model: TumorModelEnum | Unset
        if isinstance(_tumor_model, Unset):
            tumor_model = UNSET
        else:
            tumor_model = TumorModelEnum(_tumor_model)

        cell_line = d.pop("cell_line", UNSET)

        strain = d.pop("strain", UNSET)

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

        def _parse_cells_implanted(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cells_implanted = _parse_cells_implanted(d.pop("cells_implanted", UNSET))

        implant_site = d.pop("implant_site", UNSET)

        _day0 = d.pop("day0", UNSET)
        day0: datetime.date | Unset
        if isinstance(_day0, Unset):
            day0 = UNSET
        else:
            day0 = datetime.date.fromisoformat(_day0)

        _volume_formula = d.pop("volume_formula", UNSET)
        volume_formula: VolumeFormulaEnum | Unset
        if isinstance(_volume_formula, Unset):
            volume_formula = UNSET
        else:
            volume_formula = VolumeFormulaEnum(_volume_formula)

        endpoint_volume_mm3 = d.pop("endpoint_volume_mm3", UNSET)

        weight_loss_endpoint_pct = d.pop("weight_loss_endpoint_pct", UNSET)

        measure_every_days = d.pop("measure_every_days", UNSET)

        mean_curve_min_pct = d.pop("mean_curve_min_pct", UNSET)

        _status = d.pop("status", UNSET)
        status: StudyStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = StudyStatusEnum(_status)

        description = d.pop("description", UNSET)

        study_request = cls(
            name=name,
            lab=lab,
            tumor_model=tumor_model,
            cell_line=cell_line,
            strain=strain,
            implanted_on=implanted_on,
            cells_implanted=cells_implanted,
            implant_site=implant_site,
            day0=day0,
            volume_formula=volume_formula,
            endpoint_volume_mm3=endpoint_volume_mm3,
            weight_loss_endpoint_pct=weight_loss_endpoint_pct,
            measure_every_days=measure_every_days,
            mean_curve_min_pct=mean_curve_min_pct,
            status=status,
            description=description,
        )

        study_request.additional_properties = d
        return study_request

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
