from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.randomisation_balance import RandomisationBalance


T = TypeVar("T", bound="Randomisation")


@_attrs_define
class Randomisation:
    """
    Attributes:
        id (int):
        lab (int):
        study (int):
        date (datetime.date): Volumes as of this date were used.
        seed (int):
        n_iter (int):
        objective (float | None):
        objective_name (str):
        sd_weight (float):
        min_volume_mm3 (float):
        max_volume_mm3 (float):
        groups (list[int]):
        assignment (Any):
        balance (RandomisationBalance):
        before (Any):
        after (Any):
        table (Any):
        excluded (Any):
        flags (Any):
        inputs_sha256 (None | str): SHA-256 of what the allocation depended on (each animal's volume or why it was left
            out, each group's free places); in the answer of a run or dry run, null when read back later.
        analysis_version (str):
        created_by (None | str):
        created_at (datetime.datetime):
    """

    id: int
    lab: int
    study: int
    date: datetime.date
    seed: int
    n_iter: int
    objective: float | None
    objective_name: str
    sd_weight: float
    min_volume_mm3: float
    max_volume_mm3: float
    groups: list[int]
    assignment: Any
    balance: RandomisationBalance
    before: Any
    after: Any
    table: Any
    excluded: Any
    flags: Any
    inputs_sha256: None | str
    analysis_version: str
    created_by: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        study = self.study

        date = self.date.isoformat()

        seed = self.seed

        n_iter = self.n_iter

        objective: float | None
        objective = self.objective

        objective_name = self.objective_name

        sd_weight = self.sd_weight

        min_volume_mm3 = self.min_volume_mm3

        max_volume_mm3 = self.max_volume_mm3

        groups = self.groups

        assignment = self.assignment

        balance = self.balance.to_dict()

        before = self.before

        after = self.after

        table = self.table

        excluded = self.excluded

        flags = self.flags

        inputs_sha256: None | str
        inputs_sha256 = self.inputs_sha256

        analysis_version = self.analysis_version

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "study": study,
                "date": date,
                "seed": seed,
                "n_iter": n_iter,
                "objective": objective,
                "objective_name": objective_name,
                "sd_weight": sd_weight,
                "min_volume_mm3": min_volume_mm3,
                "max_volume_mm3": max_volume_mm3,
                "groups": groups,
                "assignment": assignment,
                "balance": balance,
                "before": before,
                "after": after,
                "table": table,
                "excluded": excluded,
                "flags": flags,
                "inputs_sha256": inputs_sha256,
                "analysis_version": analysis_version,
                "created_by": created_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.randomisation_balance import RandomisationBalance  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        study = d.pop("study")

        date = datetime.date.fromisoformat(d.pop("date"))

        seed = d.pop("seed")

        n_iter = d.pop("n_iter")

        def _parse_objective(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        objective = _parse_objective(d.pop("objective"))

        objective_name = d.pop("objective_name")

        sd_weight = d.pop("sd_weight")

        min_volume_mm3 = d.pop("min_volume_mm3")

        max_volume_mm3 = d.pop("max_volume_mm3")

        groups = cast(list[int], d.pop("groups"))

        assignment = d.pop("assignment")

        balance = RandomisationBalance.from_dict(d.pop("balance"))

        before = d.pop("before")

        after = d.pop("after")

        table = d.pop("table")

        excluded = d.pop("excluded")

        flags = d.pop("flags")

        def _parse_inputs_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        inputs_sha256 = _parse_inputs_sha256(d.pop("inputs_sha256"))

        analysis_version = d.pop("analysis_version")

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        randomisation = cls(
            id=id,
            lab=lab,
            study=study,
            date=date,
            seed=seed,
            n_iter=n_iter,
            objective=objective,
            objective_name=objective_name,
            sd_weight=sd_weight,
            min_volume_mm3=min_volume_mm3,
            max_volume_mm3=max_volume_mm3,
            groups=groups,
            assignment=assignment,
            balance=balance,
            before=before,
            after=after,
            table=table,
            excluded=excluded,
            flags=flags,
            inputs_sha256=inputs_sha256,
            analysis_version=analysis_version,
            created_by=created_by,
            created_at=created_at,
        )

        randomisation.additional_properties = d
        return randomisation

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
