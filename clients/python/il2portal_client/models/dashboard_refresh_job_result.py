from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DashboardRefreshJobResult")


@_attrs_define
class DashboardRefreshJobResult:
    """A ``study_live_refresh`` job's result: the study whose dashboard summaries (group means, TGI,
    mixed model) were recomputed into the shared cache (``studies.live``); the summaries themselves are
    shown on the dashboard, not returned.

        Attributes:
            study (int):
            mixed_model (bool): Whether a mixed model was fitted (animals in groups).
    """

    study: int
    mixed_model: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        study = self.study

        mixed_model = self.mixed_model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "study": study,
                "mixed_model": mixed_model,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        study = d.pop("study")

        mixed_model = d.pop("mixed_model")

        dashboard_refresh_job_result = cls(
            study=study,
            mixed_model=mixed_model,
        )

        dashboard_refresh_job_result.additional_properties = d
        return dashboard_refresh_job_result

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
