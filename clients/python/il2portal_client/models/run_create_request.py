from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_kind_enum import RunKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_create_request_settings import RunCreateRequestSettings


T = TypeVar("T", bound="RunCreateRequest")


@_attrs_define
class RunCreateRequest:
    """
    Attributes:
        kind (RunKindEnum): * `elisa` - ELISA
            * `bioassay` - Reporter bioassay
        plates (list[int]): Ids of the run's plates, at most 50.
        layout (int):
        lab (int | Unset):
        name (str | Unset):
        settings (RunCreateRequestSettings | Unset): model (4PL|5PL|linear|loglog), weighting (none|1/y|1/y2),
            reference_wavelength_nm (null: none), blank_subtraction, acceptance {min_levels, standard_tolerance_pct, ...},
            read (label)
        series (str | Unset):
        timepoint_h (float | None | Unset):
        cell_line (int | None | Unset): The bioassay's cells (GET /cell-lines/).
    """

    kind: RunKindEnum
    plates: list[int]
    layout: int
    lab: int | Unset = UNSET
    name: str | Unset = UNSET
    settings: RunCreateRequestSettings | Unset = UNSET
    series: str | Unset = UNSET
    timepoint_h: float | None | Unset = UNSET
    cell_line: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        plates = self.plates

        layout = self.layout

        lab = self.lab

        name = self.name

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        series = self.series

        timepoint_h: float | None | Unset
        if isinstance(self.timepoint_h, Unset):
            timepoint_h = UNSET
        else:
            timepoint_h = self.timepoint_h

        cell_line: int | None | Unset
        if isinstance(self.cell_line, Unset):
            cell_line = UNSET
        else:
            cell_line = self.cell_line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "plates": plates,
                "layout": layout,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if name is not UNSET:
            field_dict["name"] = name
        if settings is not UNSET:
            field_dict["settings"] = settings
        if series is not UNSET:
            field_dict["series"] = series
        if timepoint_h is not UNSET:
            field_dict["timepoint_h"] = timepoint_h
        if cell_line is not UNSET:
            field_dict["cell_line"] = cell_line

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_create_request_settings import RunCreateRequestSettings  # noqa: PLC0415

        d = dict(src_dict)
        kind = RunKindEnum(d.pop("kind"))

        plates = cast(list[int], d.pop("plates"))

        layout = d.pop("layout")

        lab = d.pop("lab", UNSET)

        name = d.pop("name", UNSET)

        _settings = d.pop("settings", UNSET)
        settings: RunCreateRequestSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = RunCreateRequestSettings.from_dict(_settings)

        series = d.pop("series", UNSET)

        def _parse_timepoint_h(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        timepoint_h = _parse_timepoint_h(d.pop("timepoint_h", UNSET))

        def _parse_cell_line(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cell_line = _parse_cell_line(d.pop("cell_line", UNSET))

        run_create_request = cls(
            kind=kind,
            plates=plates,
            layout=layout,
            lab=lab,
            name=name,
            settings=settings,
            series=series,
            timepoint_h=timepoint_h,
            cell_line=cell_line,
        )

        run_create_request.additional_properties = d
        return run_create_request

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
