from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MixedModelInfo")


@_attrs_define
class MixedModelInfo:
    """
    Attributes:
        formula (str):
        random_formula (None | str):
        random_effects (None | str):
        method (str):
        test (str):
        converged (bool | None):
        log_likelihood (float | None):
        n_animals (int):
        n_observations (int):
        n_groups (int):
        start_day (float | None):
        end_day (float | None):
        log_offset (float | None):
        sd_intercept (float | None):
        sd_slope (float | None):
        corr_intercept_slope (float | None):
        sd_residual (float | None):
        optimizer (None | str):
        warnings (list[str]):
    """

    formula: str
    random_formula: None | str
    random_effects: None | str
    method: str
    test: str
    converged: bool | None
    log_likelihood: float | None
    n_animals: int
    n_observations: int
    n_groups: int
    start_day: float | None
    end_day: float | None
    log_offset: float | None
    sd_intercept: float | None
    sd_slope: float | None
    corr_intercept_slope: float | None
    sd_residual: float | None
    optimizer: None | str
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        formula = self.formula

        random_formula: None | str
        random_formula = self.random_formula

        random_effects: None | str
        random_effects = self.random_effects

        method = self.method

        test = self.test

        converged: bool | None
        converged = self.converged

        log_likelihood: float | None
        log_likelihood = self.log_likelihood

        n_animals = self.n_animals

        n_observations = self.n_observations

        n_groups = self.n_groups

        start_day: float | None
        start_day = self.start_day

        end_day: float | None
        end_day = self.end_day

        log_offset: float | None
        log_offset = self.log_offset

        sd_intercept: float | None
        sd_intercept = self.sd_intercept

        sd_slope: float | None
        sd_slope = self.sd_slope

        corr_intercept_slope: float | None
        corr_intercept_slope = self.corr_intercept_slope

        sd_residual: float | None
        sd_residual = self.sd_residual

        optimizer: None | str
        optimizer = self.optimizer

        warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "formula": formula,
                "random_formula": random_formula,
                "random_effects": random_effects,
                "method": method,
                "test": test,
                "converged": converged,
                "log_likelihood": log_likelihood,
                "n_animals": n_animals,
                "n_observations": n_observations,
                "n_groups": n_groups,
                "start_day": start_day,
                "end_day": end_day,
                "log_offset": log_offset,
                "sd_intercept": sd_intercept,
                "sd_slope": sd_slope,
                "corr_intercept_slope": corr_intercept_slope,
                "sd_residual": sd_residual,
                "optimizer": optimizer,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        formula = d.pop("formula")

        def _parse_random_formula(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        random_formula = _parse_random_formula(d.pop("random_formula"))

        def _parse_random_effects(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        random_effects = _parse_random_effects(d.pop("random_effects"))

        method = d.pop("method")

        test = d.pop("test")

        def _parse_converged(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        converged = _parse_converged(d.pop("converged"))

        def _parse_log_likelihood(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_likelihood = _parse_log_likelihood(d.pop("log_likelihood"))

        n_animals = d.pop("n_animals")

        n_observations = d.pop("n_observations")

        n_groups = d.pop("n_groups")

        def _parse_start_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        start_day = _parse_start_day(d.pop("start_day"))

        def _parse_end_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        end_day = _parse_end_day(d.pop("end_day"))

        def _parse_log_offset(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_offset = _parse_log_offset(d.pop("log_offset"))

        def _parse_sd_intercept(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_intercept = _parse_sd_intercept(d.pop("sd_intercept"))

        def _parse_sd_slope(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_slope = _parse_sd_slope(d.pop("sd_slope"))

        def _parse_corr_intercept_slope(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        corr_intercept_slope = _parse_corr_intercept_slope(d.pop("corr_intercept_slope"))

        def _parse_sd_residual(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sd_residual = _parse_sd_residual(d.pop("sd_residual"))

        def _parse_optimizer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        optimizer = _parse_optimizer(d.pop("optimizer"))

        warnings = cast(list[str], d.pop("warnings"))

        mixed_model_info = cls(
            formula=formula,
            random_formula=random_formula,
            random_effects=random_effects,
            method=method,
            test=test,
            converged=converged,
            log_likelihood=log_likelihood,
            n_animals=n_animals,
            n_observations=n_observations,
            n_groups=n_groups,
            start_day=start_day,
            end_day=end_day,
            log_offset=log_offset,
            sd_intercept=sd_intercept,
            sd_slope=sd_slope,
            corr_intercept_slope=corr_intercept_slope,
            sd_residual=sd_residual,
            optimizer=optimizer,
            warnings=warnings,
        )

        mixed_model_info.additional_properties = d
        return mixed_model_info

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
