from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.replicate_result import ReplicateResult


T = TypeVar("T", bound="SampleResult")


@_attrs_define
class SampleResult:
    """
    Attributes:
        sample (None | str):
        group (str):
        dilution_factor (float | None): null for a bioassay dose row.
        wells (list[str]):
        mean_signal (float | None):
        cv_pct (float | None):
        concentration (float | None): Interpolated (ELISA); null when out of range or for a bioassay.
        reported_concentration (float | None): concentration × dilution factor.
        unit (None | str):
        flag (None | str): null, `below_range`, `above_range` or `high_cv`.
        flags (list[str] | Unset):
        lloq (float | None | Unset): The plate's LLOQ × dilution factor.
        uloq (float | None | Unset): The plate's ULOQ × dilution factor.
        replicates (list[ReplicateResult] | Unset):
        sd_concentration (float | None | Unset):
        n_quantified (int | Unset):
        dose (float | None | Unset): Bioassay only.
        plate (int | Unset):
    """

    sample: None | str
    group: str
    dilution_factor: float | None
    wells: list[str]
    mean_signal: float | None
    cv_pct: float | None
    concentration: float | None
    reported_concentration: float | None
    unit: None | str
    flag: None | str
    flags: list[str] | Unset = UNSET
    lloq: float | None | Unset = UNSET
    uloq: float | None | Unset = UNSET
    replicates: list[ReplicateResult] | Unset = UNSET
    sd_concentration: float | None | Unset = UNSET
    n_quantified: int | Unset = UNSET
    dose: float | None | Unset = UNSET
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample: None | str
        sample = self.sample

        group = self.group

        dilution_factor: float | None
        dilution_factor = self.dilution_factor

        wells = self.wells

        mean_signal: float | None
        mean_signal = self.mean_signal

        cv_pct: float | None
        cv_pct = self.cv_pct

        concentration: float | None
        concentration = self.concentration

        reported_concentration: float | None
        reported_concentration = self.reported_concentration

        unit: None | str
        unit = self.unit

        flag: None | str
        flag = self.flag

        flags: list[str] | Unset = UNSET
        if not isinstance(self.flags, Unset):
            flags = self.flags

        lloq: float | None | Unset
        if isinstance(self.lloq, Unset):
            lloq = UNSET
        else:
            lloq = self.lloq

        uloq: float | None | Unset
        if isinstance(self.uloq, Unset):
            uloq = UNSET
        else:
            uloq = self.uloq

        replicates: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.replicates, Unset):
            replicates = []
            for replicates_item_data in self.replicates:
                replicates_item = replicates_item_data.to_dict()
                replicates.append(replicates_item)

        sd_concentration: float | None | Unset
        if isinstance(self.sd_concentration, Unset):
            sd_concentration = UNSET
        else:
            sd_concentration = self.sd_concentration

        n_quantified = self.n_quantified

        dose: float | None | Unset
        if isinstance(self.dose, Unset):
            dose = UNSET
        else:
            dose = self.dose

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample": sample,
                "group": group,
                "dilution_factor": dilution_factor,
                "wells": wells,
                "mean_signal": mean_signal,
                "cv_pct": cv_pct,
                "concentration": concentration,
                "reported_concentration": reported_concentration,
                "unit": unit,
                "flag": flag,
            }
        )
        if flags is not UNSET:
            field_dict["flags"] = flags
        if lloq is not UNSET:
            field_dict["lloq"] = lloq
        if uloq is not UNSET:
            field_dict["uloq"] = uloq
        if replicates is not UNSET:
            field_dict["replicates"] = replicates
        if sd_concentration is not UNSET:
            field_dict["sd_concentration"] = sd_concentration
        if n_quantified is not UNSET:
            field_dict["n_quantified"] = n_quantified
        if dose is not UNSET:
            field_dict["dose"] = dose
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.replicate_result import ReplicateResult  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_sample(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sample = _parse_sample(d.pop("sample"))

        group = d.pop("group")

        def _parse_dilution_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dilution_factor = _parse_dilution_factor(d.pop("dilution_factor"))

        wells = cast(list[str], d.pop("wells"))

        def _parse_mean_signal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_signal = _parse_mean_signal(d.pop("mean_signal"))

        def _parse_cv_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cv_pct = _parse_cv_pct(d.pop("cv_pct"))

        def _parse_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        concentration = _parse_concentration(d.pop("concentration"))

        def _parse_reported_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reported_concentration = _parse_reported_concentration(d.pop("reported_concentration"))

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        def _parse_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flag = _parse_flag(d.pop("flag"))

        flags = cast(list[str], d.pop("flags", UNSET))

        def _parse_lloq(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lloq = _parse_lloq(d.pop("lloq", UNSET))

        def _parse_uloq(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        uloq = _parse_uloq(d.pop("uloq", UNSET))

        _replicates = d.pop("replicates", UNSET)
        replicates: list[ReplicateResult] | Unset = UNSET
        if _replicates is not UNSET:
            replicates = []
            for replicates_item_data in _replicates:
                replicates_item = ReplicateResult.from_dict(replicates_item_data)

                replicates.append(replicates_item)

        def _parse_sd_concentration(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sd_concentration = _parse_sd_concentration(d.pop("sd_concentration", UNSET))

        n_quantified = d.pop("n_quantified", UNSET)

        def _parse_dose(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dose = _parse_dose(d.pop("dose", UNSET))

        plate = d.pop("plate", UNSET)

        sample_result = cls(
            sample=sample,
            group=group,
            dilution_factor=dilution_factor,
            wells=wells,
            mean_signal=mean_signal,
            cv_pct=cv_pct,
            concentration=concentration,
            reported_concentration=reported_concentration,
            unit=unit,
            flag=flag,
            flags=flags,
            lloq=lloq,
            uloq=uloq,
            replicates=replicates,
            sd_concentration=sd_concentration,
            n_quantified=n_quantified,
            dose=dose,
            plate=plate,
        )

        sample_result.additional_properties = d
        return sample_result

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
