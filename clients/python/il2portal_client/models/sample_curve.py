from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.curve_parameters import CurveParameters
    from ..models.unknown_estimate import UnknownEstimate


T = TypeVar("T", bound="SampleCurve")


@_attrs_define
class SampleCurve:
    """One curve of a bioassay run: the reference's or a test sample's own 4PL.

    Attributes:
        model (str): `4PL`, `5PL`, `linear` or `loglog`.
        weighting (str): `none`, `1/y` or `1/y2`.
        n (int): Points fitted.
        df (int): Residual degrees of freedom.
        parameters (CurveParameters): Prism's names and meanings: log_ec50 is log10; a falling curve has a negative
            hill_slope.
            A parameter the model does not have, or that sits on a bound, is null.
        standard_errors (CurveParameters): Prism's names and meanings: log_ec50 is log10; a falling curve has a negative
            hill_slope.
            A parameter the model does not have, or that sits on a bound, is null.
        ec50_ci95 (list[float | None] | None): 95 % CI of the EC50, computed on log_ec50 and back-transformed
            (asymmetric).
        rss (float | None): Residual sum of squares (weighted).
        sy_x (float | None): √(RSS / df).
        r_squared (float | None):
        aic (float | None):
        flags (list[str]): e.g. `no_plateau`, `ec50_outside_range`, `no_convergence`, `5pl_not_justified`.
        unknowns (list[UnknownEstimate]):
        sample (str):
        role (str): `reference` or `test`.
        plate (int | Unset):
    """

    model: str
    weighting: str
    n: int
    df: int
    parameters: CurveParameters
    standard_errors: CurveParameters
    ec50_ci95: list[float | None] | None
    rss: float | None
    sy_x: float | None
    r_squared: float | None
    aic: float | None
    flags: list[str]
    unknowns: list[UnknownEstimate]
    sample: str
    role: str
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        weighting = self.weighting

        n = self.n

        df = self.df

        parameters = self.parameters.to_dict()

        standard_errors = self.standard_errors.to_dict()

        ec50_ci95: list[float | None] | None
        if isinstance(self.ec50_ci95, list):
            ec50_ci95 = []
            for ec50_ci95_type_0_item_data in self.ec50_ci95:
                ec50_ci95_type_0_item: float | None
                ec50_ci95_type_0_item = ec50_ci95_type_0_item_data
                ec50_ci95.append(ec50_ci95_type_0_item)

        else:
            ec50_ci95 = self.ec50_ci95

        rss: float | None
        rss = self.rss

        sy_x: float | None
        sy_x = self.sy_x

        r_squared: float | None
        r_squared = self.r_squared

        aic: float | None
        aic = self.aic

        flags = self.flags

        unknowns = []
        for unknowns_item_data in self.unknowns:
            unknowns_item = unknowns_item_data.to_dict()
            unknowns.append(unknowns_item)

        sample = self.sample

        role = self.role

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "weighting": weighting,
                "n": n,
                "df": df,
                "parameters": parameters,
                "standard_errors": standard_errors,
                "ec50_ci95": ec50_ci95,
                "rss": rss,
                "sy_x": sy_x,
                "r_squared": r_squared,
                "aic": aic,
                "flags": flags,
                "unknowns": unknowns,
                "sample": sample,
                "role": role,
            }
        )
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_parameters import CurveParameters  # noqa: PLC0415
        from ..models.unknown_estimate import UnknownEstimate  # noqa: PLC0415

        d = dict(src_dict)
        model = d.pop("model")

        weighting = d.pop("weighting")

        n = d.pop("n")

        df = d.pop("df")

        parameters = CurveParameters.from_dict(d.pop("parameters"))

        standard_errors = CurveParameters.from_dict(d.pop("standard_errors"))

        def _parse_ec50_ci95(data: object) -> list[float | None] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ec50_ci95_type_0 = []
                _ec50_ci95_type_0 = data
                for ec50_ci95_type_0_item_data in _ec50_ci95_type_0:

                    def _parse_ec50_ci95_type_0_item(data: object) -> float | None:
                        if data is None:
                            return data
                        return cast(float | None, data)

                    ec50_ci95_type_0_item = _parse_ec50_ci95_type_0_item(ec50_ci95_type_0_item_data)

                    ec50_ci95_type_0.append(ec50_ci95_type_0_item)

                return ec50_ci95_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | None] | None, data)

        ec50_ci95 = _parse_ec50_ci95(d.pop("ec50_ci95"))

        def _parse_rss(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rss = _parse_rss(d.pop("rss"))

        def _parse_sy_x(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sy_x = _parse_sy_x(d.pop("sy_x"))

        def _parse_r_squared(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        r_squared = _parse_r_squared(d.pop("r_squared"))

        def _parse_aic(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        aic = _parse_aic(d.pop("aic"))

        flags = cast(list[str], d.pop("flags"))

        unknowns = []
        _unknowns = d.pop("unknowns")
        for unknowns_item_data in _unknowns:
            unknowns_item = UnknownEstimate.from_dict(unknowns_item_data)

            unknowns.append(unknowns_item)

        sample = d.pop("sample")

        role = d.pop("role")

        plate = d.pop("plate", UNSET)

        sample_curve = cls(
            model=model,
            weighting=weighting,
            n=n,
            df=df,
            parameters=parameters,
            standard_errors=standard_errors,
            ec50_ci95=ec50_ci95,
            rss=rss,
            sy_x=sy_x,
            r_squared=r_squared,
            aic=aic,
            flags=flags,
            unknowns=unknowns,
            sample=sample,
            role=role,
            plate=plate,
        )

        sample_curve.additional_properties = d
        return sample_curve

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
