from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_diff_accepted import RunDiffAccepted
    from ..models.run_diff_sample import RunDiffSample
    from ..models.run_diff_values import RunDiffValues


T = TypeVar("T", bound="RunDiff")


@_attrs_define
class RunDiff:
    """What changed between two versions: EC50, acceptance, and each sample whose concentration or
    flag changed.

        Attributes:
            ec50 (RunDiffValues):
            accepted (RunDiffAccepted):
            samples (list[RunDiffSample]):
    """

    ec50: RunDiffValues
    accepted: RunDiffAccepted
    samples: list[RunDiffSample]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ec50 = self.ec50.to_dict()

        accepted = self.accepted.to_dict()

        samples = []
        for samples_item_data in self.samples:
            samples_item = samples_item_data.to_dict()
            samples.append(samples_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ec50": ec50,
                "accepted": accepted,
                "samples": samples,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_diff_accepted import RunDiffAccepted  # noqa: PLC0415
        from ..models.run_diff_sample import RunDiffSample  # noqa: PLC0415
        from ..models.run_diff_values import RunDiffValues  # noqa: PLC0415

        d = dict(src_dict)
        ec50 = RunDiffValues.from_dict(d.pop("ec50"))

        accepted = RunDiffAccepted.from_dict(d.pop("accepted"))

        samples = []
        _samples = d.pop("samples")
        for samples_item_data in _samples:
            samples_item = RunDiffSample.from_dict(samples_item_data)

            samples.append(samples_item)

        run_diff = cls(
            ec50=ec50,
            accepted=accepted,
            samples=samples,
        )

        run_diff.additional_properties = d
        return run_diff

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
