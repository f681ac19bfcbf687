from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cell_line_kind_enum import CellLineKindEnum
from ..models.readout_enum import ReadoutEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="CellLine")


@_attrs_define
class CellLine:
    """
    Attributes:
        id (int):
        name (str): e.g. CTLL-2, YT, primary CD8⁺ T cells
        receptor (str): IL-2 receptor chains: αβγ, βγ, ...
        created_at (datetime.datetime):
        lab (int | Unset):
        kind (CellLineKindEnum | Unset): * `line` - Cell line
            * `primary` - Primary cells
        species (str | Unset):
        cd25 (bool | Unset):
        cd122 (bool | Unset):
        cd132 (bool | Unset):
        readout (ReadoutEnum | Unset): * `luminescence_reporter` - Luminescent reporter (STAT5-driven)
            * `pstat5_pct` - pSTAT5, % positive
            * `pstat5_mfi` - pSTAT5, median fluorescence
            * `proliferation` - Proliferation
            * `other` - Other
        description (str | Unset):
    """

    id: int
    name: str
    receptor: str
    created_at: datetime.datetime
    lab: int | Unset = UNSET
    kind: CellLineKindEnum | Unset = UNSET
    species: str | Unset = UNSET
    cd25: bool | Unset = UNSET
    cd122: bool | Unset = UNSET
    cd132: bool | Unset = UNSET
    readout: ReadoutEnum | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        receptor = self.receptor

        created_at = self.created_at.isoformat()

        lab = self.lab

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        species = self.species

        cd25 = self.cd25

        cd122 = self.cd122

        cd132 = self.cd132

        readout: str | Unset = UNSET
        if not isinstance(self.readout, Unset):
            readout = self.readout.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "receptor": receptor,
                "created_at": created_at,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if kind is not UNSET:
            field_dict["kind"] = kind
        if species is not UNSET:
            field_dict["species"] = species
        if cd25 is not UNSET:
            field_dict["cd25"] = cd25
        if cd122 is not UNSET:
            field_dict["cd122"] = cd122
        if cd132 is not UNSET:
            field_dict["cd132"] = cd132
        if readout is not UNSET:
            field_dict["readout"] = readout
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        receptor = d.pop("receptor")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        lab = d.pop("lab", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: CellLineKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = CellLineKindEnum(_kind)

        species = d.pop("species", UNSET)

        cd25 = d.pop("cd25", UNSET)

        cd122 = d.pop("cd122", UNSET)

        cd132 = d.pop("cd132", UNSET)

        _readout = d.pop("readout", UNSET)
        readout: ReadoutEnum | Unset
        if isinstance(_readout, Unset):
            readout = UNSET
        else:
            readout = ReadoutEnum(_readout)

        description = d.pop("description", UNSET)

        cell_line = cls(
            id=id,
            name=name,
            receptor=receptor,
            created_at=created_at,
            lab=lab,
            kind=kind,
            species=species,
            cd25=cd25,
            cd122=cd122,
            cd132=cd132,
            readout=readout,
            description=description,
        )

        cell_line.additional_properties = d
        return cell_line

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
