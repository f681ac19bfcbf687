from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.curve_fit import CurveFit
    from ..models.model_selection import ModelSelection
    from ..models.run_qc import RunQC


T = TypeVar("T", bound="PlateResult")


@_attrs_define
class PlateResult:
    """Each plate's own curve and QC (absent for a pooled curve).

    Attributes:
        plate (int):
        name (str):
        curve (CurveFit | None | Unset):
        model_selection (ModelSelection | None | Unset):
        qc (None | RunQC | Unset):
    """

    plate: int
    name: str
    curve: CurveFit | None | Unset = UNSET
    model_selection: ModelSelection | None | Unset = UNSET
    qc: None | RunQC | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415
        from ..models.model_selection import ModelSelection  # noqa: PLC0415
        from ..models.run_qc import RunQC  # noqa: PLC0415

        plate = self.plate

        name = self.name

        curve: dict[str, Any] | None | Unset
        if isinstance(self.curve, Unset):
            curve = UNSET
        elif isinstance(self.curve, CurveFit):
            curve = self.curve.to_dict()
        else:
            curve = self.curve

        model_selection: dict[str, Any] | None | Unset
        if isinstance(self.model_selection, Unset):
            model_selection = UNSET
        elif isinstance(self.model_selection, ModelSelection):
            model_selection = self.model_selection.to_dict()
        else:
            model_selection = self.model_selection

        qc: dict[str, Any] | None | Unset
        if isinstance(self.qc, Unset):
            qc = UNSET
        elif isinstance(self.qc, RunQC):
            qc = self.qc.to_dict()
        else:
            qc = self.qc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "plate": plate,
                "name": name,
            }
        )
        if curve is not UNSET:
            field_dict["curve"] = curve
        if model_selection is not UNSET:
            field_dict["model_selection"] = model_selection
        if qc is not UNSET:
            field_dict["qc"] = qc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_fit import CurveFit  # noqa: PLC0415
        from ..models.model_selection import ModelSelection  # noqa: PLC0415
        from ..models.run_qc import RunQC  # noqa: PLC0415

        d = dict(src_dict)
        plate = d.pop("plate")

        name = d.pop("name")

        def _parse_curve(data: object) -> CurveFit | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                curve_type_1 = CurveFit.from_dict(data)

                return curve_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurveFit | None | Unset, data)

        curve = _parse_curve(d.pop("curve", UNSET))

        def _parse_model_selection(data: object) -> ModelSelection | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                model_selection_type_1 = ModelSelection.from_dict(data)

                return model_selection_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelSelection | None | Unset, data)

        model_selection = _parse_model_selection(d.pop("model_selection", UNSET))

        def _parse_qc(data: object) -> None | RunQC | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                qc_type_1 = RunQC.from_dict(data)

                return qc_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunQC | Unset, data)

        qc = _parse_qc(d.pop("qc", UNSET))

        plate_result = cls(
            plate=plate,
            name=name,
            curve=curve,
            model_selection=model_selection,
            qc=qc,
        )

        plate_result.additional_properties = d
        return plate_result

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
