from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_row import AuditRow


T = TypeVar("T", bound="AuditTrail")


@_attrs_define
class AuditTrail:
    """
    Attributes:
        subject (str): What the trail covers (`Assay run R-12`, `Lab Tregs`).
        lab (int): The lab the records belong to.
        time_zone (str): The lab's time zone, in which the CSV writes times.
        next_ (None | str): The next (older) page: this query with `before` moved on; null on the last.
        results (list[AuditRow]): Newest first.
    """

    subject: str
    lab: int
    time_zone: str
    next_: None | str
    results: list[AuditRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        lab = self.lab

        time_zone = self.time_zone

        next_: None | str
        next_ = self.next_

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subject": subject,
                "lab": lab,
                "time_zone": time_zone,
                "next": next_,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_row import AuditRow  # noqa: PLC0415

        d = dict(src_dict)
        subject = d.pop("subject")

        lab = d.pop("lab")

        time_zone = d.pop("time_zone")

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.pop("next"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = AuditRow.from_dict(results_item_data)

            results.append(results_item)

        audit_trail = cls(
            subject=subject,
            lab=lab,
            time_zone=time_zone,
            next_=next_,
            results=results,
        )

        audit_trail.additional_properties = d
        return audit_trail

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
