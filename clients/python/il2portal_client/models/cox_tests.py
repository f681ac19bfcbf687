from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chi_square_test import ChiSquareTest


T = TypeVar("T", bound="CoxTests")


@_attrs_define
class CoxTests:
    """
    Attributes:
        ties (str):
        likelihood_ratio (ChiSquareTest):
        wald (ChiSquareTest):
        score (ChiSquareTest):
    """

    ties: str
    likelihood_ratio: ChiSquareTest
    wald: ChiSquareTest
    score: ChiSquareTest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ties = self.ties

        likelihood_ratio = self.likelihood_ratio.to_dict()

        wald = self.wald.to_dict()

        score = self.score.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ties": ties,
                "likelihood_ratio": likelihood_ratio,
                "wald": wald,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chi_square_test import ChiSquareTest  # noqa: PLC0415

        d = dict(src_dict)
        ties = d.pop("ties")

        likelihood_ratio = ChiSquareTest.from_dict(d.pop("likelihood_ratio"))

        wald = ChiSquareTest.from_dict(d.pop("wald"))

        score = ChiSquareTest.from_dict(d.pop("score"))

        cox_tests = cls(
            ties=ties,
            likelihood_ratio=likelihood_ratio,
            wald=wald,
            score=score,
        )

        cox_tests.additional_properties = d
        return cox_tests

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
