from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.test_article_kind_enum import TestArticleKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedTestArticleRequest")


@_attrs_define
class PatchedTestArticleRequest:
    """Base for lab-owned records: ``lab`` may be omitted when the caller has one lab,
    and every related record must belong to the same lab.

        Attributes:
            lab (int | Unset):
            name (str | Unset):
            kind (TestArticleKindEnum | Unset): * `il2_wild_type` - IL-2, wild type
                * `il2_mutein` - IL-2 mutein
                * `il2_fusion` - IL-2 fusion / bispecific
                * `antibody` - Antibody
                * `vehicle` - Vehicle
                * `other` - Other
            target (str | Unset): Antibody target, e.g. PD-1, CD3, CD28.
            mutations (str | Unset): For muteins, e.g. R38A/F42K.
            description (str | Unset):
            release_low_pct (float | None | Unset): e.g. 80
            release_high_pct (float | None | Unset): e.g. 125
            release_min_runs (int | Unset): At least 2; 3 is usual.
    """

    lab: int | Unset = UNSET
    name: str | Unset = UNSET
    kind: TestArticleKindEnum | Unset = UNSET
    target: str | Unset = UNSET
    mutations: str | Unset = UNSET
    description: str | Unset = UNSET
    release_low_pct: float | None | Unset = UNSET
    release_high_pct: float | None | Unset = UNSET
    release_min_runs: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lab = self.lab

        name = self.name

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        target = self.target

        mutations = self.mutations

        description = self.description

        release_low_pct: float | None | Unset
        if isinstance(self.release_low_pct, Unset):
            release_low_pct = UNSET
        else:
            release_low_pct = self.release_low_pct

        release_high_pct: float | None | Unset
        if isinstance(self.release_high_pct, Unset):
            release_high_pct = UNSET
        else:
            release_high_pct = self.release_high_pct

        release_min_runs = self.release_min_runs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if lab is not UNSET:
            field_dict["lab"] = lab
        if name is not UNSET:
            field_dict["name"] = name
        if kind is not UNSET:
            field_dict["kind"] = kind
        if target is not UNSET:
            field_dict["target"] = target
        if mutations is not UNSET:
            field_dict["mutations"] = mutations
        if description is not UNSET:
            field_dict["description"] = description
        if release_low_pct is not UNSET:
            field_dict["release_low_pct"] = release_low_pct
        if release_high_pct is not UNSET:
            field_dict["release_high_pct"] = release_high_pct
        if release_min_runs is not UNSET:
            field_dict["release_min_runs"] = release_min_runs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lab = d.pop("lab", UNSET)

        name = d.pop("name", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: TestArticleKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = TestArticleKindEnum(_kind)

        target = d.pop("target", UNSET)

        mutations = d.pop("mutations", UNSET)

        description = d.pop("description", UNSET)

        def _parse_release_low_pct(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        release_low_pct = _parse_release_low_pct(d.pop("release_low_pct", UNSET))

        def _parse_release_high_pct(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        release_high_pct = _parse_release_high_pct(d.pop("release_high_pct", UNSET))

        release_min_runs = d.pop("release_min_runs", UNSET)

        patched_test_article_request = cls(
            lab=lab,
            name=name,
            kind=kind,
            target=target,
            mutations=mutations,
            description=description,
            release_low_pct=release_low_pct,
            release_high_pct=release_high_pct,
            release_min_runs=release_min_runs,
        )

        patched_test_article_request.additional_properties = d
        return patched_test_article_request

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
