from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_diff_accepted import RunDiffAccepted
    from ..models.run_diff_ec_50 import RunDiffEc50


T = TypeVar("T", bound="RunDiff")


@_attrs_define
class RunDiff:
    """
    Attributes:
        ec50 (RunDiffEc50):
        accepted (RunDiffAccepted):
        samples (list[Any]):
    """

    ec50: RunDiffEc50
    accepted: RunDiffAccepted
    samples: list[Any]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ec50 = self.ec50.to_dict()

        accepted = self.accepted.to_dict()

        samples = self.samples

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
        from ..models.run_diff_ec_50 import RunDiffEc50  # noqa: PLC0415

        d = dict(src_dict)
        ec50 = RunDiffEc50.from_dict(d.pop("ec50"))

        accepted = RunDiffAccepted.from_dict(d.pop("accepted"))

        samples = cast(list[Any], d.pop("samples"))

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
