from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.edge_effect import EdgeEffect
    from ..models.qc_samples import QCSamples


T = TypeVar("T", bound="RunQC")


@_attrs_define
class RunQC:
    """
    Attributes:
        z_prime (float | None): Z′ = 1 − 3(σ₊ + σ₋)/|μ₊ − μ₋|.
        signal_to_background (float | None):
        standards_passed_pct (float | None):
        accepted (bool):
        reasons (list[str]):
        lloq (float | None | Unset):
        uloq (float | None | Unset):
        unit (None | str | Unset):
        blank_mean (float | None | Unset):
        qc_samples (None | QCSamples | Unset):
        background (float | None | Unset): Bioassay only.
        untreated_mean (float | None | Unset): Bioassay only.
        response (str | Unset): Bioassay only: `fold_induction` or `signal`.
        edge_effect (EdgeEffect | None | Unset):
    """

    z_prime: float | None
    signal_to_background: float | None
    standards_passed_pct: float | None
    accepted: bool
    reasons: list[str]
    lloq: float | None | Unset = UNSET
    uloq: float | None | Unset = UNSET
    unit: None | str | Unset = UNSET
    blank_mean: float | None | Unset = UNSET
    qc_samples: None | QCSamples | Unset = UNSET
    background: float | None | Unset = UNSET
    untreated_mean: float | None | Unset = UNSET
    response: str | Unset = UNSET
    edge_effect: EdgeEffect | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.edge_effect import EdgeEffect  # noqa: PLC0415
        from ..models.qc_samples import QCSamples  # noqa: PLC0415

        z_prime: float | None
        z_prime = self.z_prime

        signal_to_background: float | None
        signal_to_background = self.signal_to_background

        standards_passed_pct: float | None
        standards_passed_pct = self.standards_passed_pct

        accepted = self.accepted

        reasons = self.reasons

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

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        blank_mean: float | None | Unset
        if isinstance(self.blank_mean, Unset):
            blank_mean = UNSET
        else:
            blank_mean = self.blank_mean

        qc_samples: dict[str, Any] | None | Unset
        if isinstance(self.qc_samples, Unset):
            qc_samples = UNSET
        elif isinstance(self.qc_samples, QCSamples):
            qc_samples = self.qc_samples.to_dict()
        else:
            qc_samples = self.qc_samples

        background: float | None | Unset
        if isinstance(self.background, Unset):
            background = UNSET
        else:
            background = self.background

        untreated_mean: float | None | Unset
        if isinstance(self.untreated_mean, Unset):
            untreated_mean = UNSET
        else:
            untreated_mean = self.untreated_mean

        response = self.response

        edge_effect: dict[str, Any] | None | Unset
        if isinstance(self.edge_effect, Unset):
            edge_effect = UNSET
        elif isinstance(self.edge_effect, EdgeEffect):
            edge_effect = self.edge_effect.to_dict()
        else:
            edge_effect = self.edge_effect

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "z_prime": z_prime,
                "signal_to_background": signal_to_background,
                "standards_passed_pct": standards_passed_pct,
                "accepted": accepted,
                "reasons": reasons,
            }
        )
        if lloq is not UNSET:
            field_dict["lloq"] = lloq
        if uloq is not UNSET:
            field_dict["uloq"] = uloq
        if unit is not UNSET:
            field_dict["unit"] = unit
        if blank_mean is not UNSET:
            field_dict["blank_mean"] = blank_mean
        if qc_samples is not UNSET:
            field_dict["qc_samples"] = qc_samples
        if background is not UNSET:
            field_dict["background"] = background
        if untreated_mean is not UNSET:
            field_dict["untreated_mean"] = untreated_mean
        if response is not UNSET:
            field_dict["response"] = response
        if edge_effect is not UNSET:
            field_dict["edge_effect"] = edge_effect

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edge_effect import EdgeEffect  # noqa: PLC0415
        from ..models.qc_samples import QCSamples  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_z_prime(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        z_prime = _parse_z_prime(d.pop("z_prime"))

        def _parse_signal_to_background(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        signal_to_background = _parse_signal_to_background(d.pop("signal_to_background"))

        def _parse_standards_passed_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        standards_passed_pct = _parse_standards_passed_pct(d.pop("standards_passed_pct"))

        accepted = d.pop("accepted")

        reasons = cast(list[str], d.pop("reasons"))

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

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_blank_mean(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        blank_mean = _parse_blank_mean(d.pop("blank_mean", UNSET))

        def _parse_qc_samples(data: object) -> None | QCSamples | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                qc_samples_type_1 = QCSamples.from_dict(data)

                return qc_samples_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QCSamples | Unset, data)

        qc_samples = _parse_qc_samples(d.pop("qc_samples", UNSET))

        def _parse_background(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        background = _parse_background(d.pop("background", UNSET))

        def _parse_untreated_mean(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        untreated_mean = _parse_untreated_mean(d.pop("untreated_mean", UNSET))

        response = d.pop("response", UNSET)

        def _parse_edge_effect(data: object) -> EdgeEffect | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                edge_effect_type_1 = EdgeEffect.from_dict(data)

                return edge_effect_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EdgeEffect | None | Unset, data)

        edge_effect = _parse_edge_effect(d.pop("edge_effect", UNSET))

        run_qc = cls(
            z_prime=z_prime,
            signal_to_background=signal_to_background,
            standards_passed_pct=standards_passed_pct,
            accepted=accepted,
            reasons=reasons,
            lloq=lloq,
            uloq=uloq,
            unit=unit,
            blank_mean=blank_mean,
            qc_samples=qc_samples,
            background=background,
            untreated_mean=untreated_mean,
            response=response,
            edge_effect=edge_effect,
        )

        run_qc.additional_properties = d
        return run_qc

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
