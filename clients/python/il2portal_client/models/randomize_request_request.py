from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RandomizeRequestRequest")


@_attrs_define
class RandomizeRequestRequest:
    """
    Attributes:
        groups (list[int]): Ids of the groups (arms) to fill, each up to its capacity; at most 100.
        min_volume_mm3 (float | Unset):  Default: 50.0.
        max_volume_mm3 (float | Unset):  Default: 100.0.
        seed (int | None | Unset):
        n_iter (int | Unset):  Default: 10000.
        date (datetime.date | Unset): Use volumes measured up to this date (default today).
        dry_run (bool | Unset): Compute without storing or assigning. Default: False.
        inputs_sha256 (str | Unset): The inputs_sha256 of a dry run: assign only if the animals, their volumes and the
            groups' free places are still those of the dry run (with its seed, the allocation is then the dry run's);
            otherwise 400 preview_stale and nothing is assigned.
    """

    groups: list[int]
    min_volume_mm3: float | Unset = 50.0
    max_volume_mm3: float | Unset = 100.0
    seed: int | None | Unset = UNSET
    n_iter: int | Unset = 10000
    date: datetime.date | Unset = UNSET
    dry_run: bool | Unset = False
    inputs_sha256: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        groups = self.groups

        min_volume_mm3 = self.min_volume_mm3

        max_volume_mm3 = self.max_volume_mm3

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        n_iter = self.n_iter

        date: str | Unset = UNSET
        if not isinstance(self.date, Unset):
            date = self.date.isoformat()

        dry_run = self.dry_run

        inputs_sha256 = self.inputs_sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "groups": groups,
            }
        )
        if min_volume_mm3 is not UNSET:
            field_dict["min_volume_mm3"] = min_volume_mm3
        if max_volume_mm3 is not UNSET:
            field_dict["max_volume_mm3"] = max_volume_mm3
        if seed is not UNSET:
            field_dict["seed"] = seed
        if n_iter is not UNSET:
            field_dict["n_iter"] = n_iter
        if date is not UNSET:
            field_dict["date"] = date
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if inputs_sha256 is not UNSET:
            field_dict["inputs_sha256"] = inputs_sha256

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        groups = cast(list[int], d.pop("groups"))

        min_volume_mm3 = d.pop("min_volume_mm3", UNSET)

        max_volume_mm3 = d.pop("max_volume_mm3", UNSET)

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        n_iter = d.pop("n_iter", UNSET)

        _date = d.pop("date", UNSET)
        date: datetime.date | Unset
        if isinstance(_date, Unset):
            date = UNSET
        else:
            date = datetime.date.fromisoformat(_date)

        dry_run = d.pop("dry_run", UNSET)

        inputs_sha256 = d.pop("inputs_sha256", UNSET)

        randomize_request_request = cls(
            groups=groups,
            min_volume_mm3=min_volume_mm3,
            max_volume_mm3=max_volume_mm3,
            seed=seed,
            n_iter=n_iter,
            date=date,
            dry_run=dry_run,
            inputs_sha256=inputs_sha256,
        )

        randomize_request_request.additional_properties = d
        return randomize_request_request

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
