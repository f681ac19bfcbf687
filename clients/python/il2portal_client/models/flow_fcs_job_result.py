from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FlowFcsJobResult")


@_attrs_define
class FlowFcsJobResult:
    """A ``flow_fcs`` job's result: the flow import whose FCS files were gated, how many samples were
    stored and how many populations' counts differ from the workspace's own.

        Attributes:
            samples (int):
            differences (int):
            import_ (int): The flow import.
    """

    samples: int
    differences: int
    import_: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        samples = self.samples

        differences = self.differences

        import_ = self.import_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "samples": samples,
                "differences": differences,
                "import": import_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        samples = d.pop("samples")

        differences = d.pop("differences")

        import_ = d.pop("import")

        flow_fcs_job_result = cls(
            samples=samples,
            differences=differences,
            import_=import_,
        )

        flow_fcs_job_result.additional_properties = d
        return flow_fcs_job_result

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
