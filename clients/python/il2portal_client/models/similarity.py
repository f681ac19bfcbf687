from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.equivalence_test import EquivalenceTest
    from ..models.parallelism_f_test import ParallelismFTest


T = TypeVar("T", bound="Similarity")


@_attrs_define
class Similarity:
    """
    Attributes:
        method (str): `equivalence` (USP <1032>) or `f_test`.
        equivalence (list[EquivalenceTest]):
        f_test (ParallelismFTest):
    """

    method: str
    equivalence: list[EquivalenceTest]
    f_test: ParallelismFTest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        equivalence = []
        for equivalence_item_data in self.equivalence:
            equivalence_item = equivalence_item_data.to_dict()
            equivalence.append(equivalence_item)

        f_test = self.f_test.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "equivalence": equivalence,
                "f_test": f_test,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.equivalence_test import EquivalenceTest  # noqa: PLC0415
        from ..models.parallelism_f_test import ParallelismFTest  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        equivalence = []
        _equivalence = d.pop("equivalence")
        for equivalence_item_data in _equivalence:
            equivalence_item = EquivalenceTest.from_dict(equivalence_item_data)

            equivalence.append(equivalence_item)

        f_test = ParallelismFTest.from_dict(d.pop("f_test"))

        similarity = cls(
            method=method,
            equivalence=equivalence,
            f_test=f_test,
        )

        similarity.additional_properties = d
        return similarity

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
