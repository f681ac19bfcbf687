from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parallel_fit import ParallelFit
    from ..models.similarity import Similarity


T = TypeVar("T", bound="PotencyEstimate")


@_attrs_define
class PotencyEstimate:
    """Relative potency of a test sample against the reference by parallel 4PL.

    Attributes:
        sample (str):
        reference (str):
        relative_potency (float | None): EC50_ref / EC50_test; null when withheld (see `withheld`).
        ci95 (list[float | None] | None): 95 % CI of the relative potency.
        similar (bool | None): Parallel (similar) to the reference.
        log10_rp (float | None):
        se_log10_rp (float | None):
        withheld (None | str): Why relative_potency is null, in words.
        df (int | None):
        parallel_fit (ParallelFit):
        similarity (Similarity):
        flags (list[str]):
        plate (int | Unset):
    """

    sample: str
    reference: str
    relative_potency: float | None
    ci95: list[float | None] | None
    similar: bool | None
    log10_rp: float | None
    se_log10_rp: float | None
    withheld: None | str
    df: int | None
    parallel_fit: ParallelFit
    similarity: Similarity
    flags: list[str]
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample = self.sample

        reference = self.reference

        relative_potency: float | None
        relative_potency = self.relative_potency

        ci95: list[float | None] | None
        if isinstance(self.ci95, list):
            ci95 = []
            for ci95_type_0_item_data in self.ci95:
                ci95_type_0_item: float | None
                ci95_type_0_item = ci95_type_0_item_data
                ci95.append(ci95_type_0_item)

        else:
            ci95 = self.ci95

        similar: bool | None
        similar = self.similar

        log10_rp: float | None
        log10_rp = self.log10_rp

        se_log10_rp: float | None
        se_log10_rp = self.se_log10_rp

        withheld: None | str
        withheld = self.withheld

        df: int | None
        df = self.df

        parallel_fit = self.parallel_fit.to_dict()

        similarity = self.similarity.to_dict()

        flags = self.flags

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample": sample,
                "reference": reference,
                "relative_potency": relative_potency,
                "ci95": ci95,
                "similar": similar,
                "log10_rp": log10_rp,
                "se_log10_rp": se_log10_rp,
                "withheld": withheld,
                "df": df,
                "parallel_fit": parallel_fit,
                "similarity": similarity,
                "flags": flags,
            }
        )
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.parallel_fit import ParallelFit  # noqa: PLC0415
        from ..models.similarity import Similarity  # noqa: PLC0415

        d = dict(src_dict)
        sample = d.pop("sample")

        reference = d.pop("reference")

        def _parse_relative_potency(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_potency = _parse_relative_potency(d.pop("relative_potency"))

        def _parse_ci95(data: object) -> list[float | None] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ci95_type_0 = []
                _ci95_type_0 = data
                for ci95_type_0_item_data in _ci95_type_0:

                    def _parse_ci95_type_0_item(data: object) -> float | None:
                        if data is None:
                            return data
                        return cast(float | None, data)

                    ci95_type_0_item = _parse_ci95_type_0_item(ci95_type_0_item_data)

                    ci95_type_0.append(ci95_type_0_item)

                return ci95_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | None] | None, data)

        ci95 = _parse_ci95(d.pop("ci95"))

        def _parse_similar(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        similar = _parse_similar(d.pop("similar"))

        def _parse_log10_rp(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log10_rp = _parse_log10_rp(d.pop("log10_rp"))

        def _parse_se_log10_rp(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        se_log10_rp = _parse_se_log10_rp(d.pop("se_log10_rp"))

        def _parse_withheld(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        withheld = _parse_withheld(d.pop("withheld"))

        def _parse_df(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        df = _parse_df(d.pop("df"))

        parallel_fit = ParallelFit.from_dict(d.pop("parallel_fit"))

        similarity = Similarity.from_dict(d.pop("similarity"))

        flags = cast(list[str], d.pop("flags"))

        plate = d.pop("plate", UNSET)

        potency_estimate = cls(
            sample=sample,
            reference=reference,
            relative_potency=relative_potency,
            ci95=ci95,
            similar=similar,
            log10_rp=log10_rp,
            se_log10_rp=se_log10_rp,
            withheld=withheld,
            df=df,
            parallel_fit=parallel_fit,
            similarity=similarity,
            flags=flags,
            plate=plate,
        )

        potency_estimate.additional_properties = d
        return potency_estimate

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
