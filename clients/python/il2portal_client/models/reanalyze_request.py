from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.reanalyze_request_settings import ReanalyzeRequestSettings


T = TypeVar("T", bound="ReanalyzeRequest")


@_attrs_define
class ReanalyzeRequest:
    """
    Attributes:
        reason (str):
        excluded_wells (list[str] | Unset): Wells left out (B3, or <plate id>:B3), at most 5,000.
        settings (ReanalyzeRequestSettings | Unset):
    """

    reason: str
    excluded_wells: list[str] | Unset = UNSET
    settings: ReanalyzeRequestSettings | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        excluded_wells: list[str] | Unset = UNSET
        if not isinstance(self.excluded_wells, Unset):
            excluded_wells = self.excluded_wells

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if excluded_wells is not UNSET:
            field_dict["excluded_wells"] = excluded_wells
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reanalyze_request_settings import ReanalyzeRequestSettings  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        excluded_wells = cast(list[str], d.pop("excluded_wells", UNSET))

        _settings = d.pop("settings", UNSET)
        settings: ReanalyzeRequestSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = ReanalyzeRequestSettings.from_dict(_settings)

        reanalyze_request = cls(
            reason=reason,
            excluded_wells=excluded_wells,
            settings=settings,
        )

        reanalyze_request.additional_properties = d
        return reanalyze_request

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
