from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_enum import ModelEnum
from ..models.weighting_enum import WeightingEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.point_request import PointRequest


T = TypeVar("T", bound="FitRequestRequest")


@_attrs_define
class FitRequestRequest:
    """
    Attributes:
        points (list[PointRequest]): The curve's points, at most 5,000.
        lab (int | Unset): Omit when you belong to one lab.
        model (ModelEnum | Unset): * `4PL` - 4PL
            * `5PL` - 5PL
            * `linear` - linear
            * `loglog` - loglog Default: ModelEnum.VALUE_0.
        weighting (WeightingEnum | Unset): * `none` - none
            * `1/y` - 1/y
            * `1/y2` - 1/y2 Default: WeightingEnum.NONE.
        unknowns (list[float] | Unset): Responses to interpolate, at most 10,000.
    """

    points: list[PointRequest]
    lab: int | Unset = UNSET
    model: ModelEnum | Unset = ModelEnum.VALUE_0
    weighting: WeightingEnum | Unset = WeightingEnum.NONE
    unknowns: list[float] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        lab = self.lab

        model: str | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model.value

        weighting: str | Unset = UNSET
        if not isinstance(self.weighting, Unset):
            weighting = self.weighting.value

        unknowns: list[float] | Unset = UNSET
        if not isinstance(self.unknowns, Unset):
            unknowns = self.unknowns

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "points": points,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if model is not UNSET:
            field_dict["model"] = model
        if weighting is not UNSET:
            field_dict["weighting"] = weighting
        if unknowns is not UNSET:
            field_dict["unknowns"] = unknowns

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.point_request import PointRequest  # noqa: PLC0415

        d = dict(src_dict)
        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = PointRequest.from_dict(points_item_data)

            points.append(points_item)

        lab = d.pop("lab", UNSET)

        _model = d.pop("model", UNSET)
        model: ModelEnum | Unset
        if isinstance(_model, Unset):
            model = UNSET
        else:
            model = ModelEnum(_model)

        _weighting = d.pop("weighting", UNSET)
        weighting: WeightingEnum | Unset
        if isinstance(_weighting, Unset):
            weighting = UNSET
        else:
            weighting = WeightingEnum(_weighting)

        unknowns = cast(list[float], d.pop("unknowns", UNSET))

        fit_request_request = cls(
            points=points,
            lab=lab,
            model=model,
            weighting=weighting,
            unknowns=unknowns,
        )

        fit_request_request.additional_properties = d
        return fit_request_request

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
