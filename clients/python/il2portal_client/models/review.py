from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_status_enum import ReviewStatusEnum

if TYPE_CHECKING:
    from ..models.signature import Signature


T = TypeVar("T", bound="Review")


@_attrs_define
class Review:
    """
    Attributes:
        status (ReviewStatusEnum): * `waiting` - waiting
            * `complete` - complete
            * `rejected` - rejected
        status_text (str): "waiting for review", "approved", "rejected"…
        next_meaning (str): The signature it waits for, or empty.
        steps (str): The lab's rule when it was submitted: review, approve or review_approve.
        locked (bool): Under review or signed off: the version cannot change.
        record_sha256 (str): SHA-256 of what was submitted (and every signature binds).
        intact (bool): Whether the version still hashes to record_sha256.
        signatures (list[Signature]):
    """

    status: ReviewStatusEnum
    status_text: str
    next_meaning: str
    steps: str
    locked: bool
    record_sha256: str
    intact: bool
    signatures: list[Signature]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        status_text = self.status_text

        next_meaning = self.next_meaning

        steps = self.steps

        locked = self.locked

        record_sha256 = self.record_sha256

        intact = self.intact

        signatures = []
        for signatures_item_data in self.signatures:
            signatures_item = signatures_item_data.to_dict()
            signatures.append(signatures_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "status_text": status_text,
                "next_meaning": next_meaning,
                "steps": steps,
                "locked": locked,
                "record_sha256": record_sha256,
                "intact": intact,
                "signatures": signatures,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signature import Signature  # noqa: PLC0415

        d = dict(src_dict)
        status = ReviewStatusEnum(d.pop("status"))

        status_text = d.pop("status_text")

        next_meaning = d.pop("next_meaning")

        steps = d.pop("steps")

        locked = d.pop("locked")

        record_sha256 = d.pop("record_sha256")

        intact = d.pop("intact")

        signatures = []
        _signatures = d.pop("signatures")
        for signatures_item_data in _signatures:
            signatures_item = Signature.from_dict(signatures_item_data)

            signatures.append(signatures_item)

        review = cls(
            status=status,
            status_text=status_text,
            next_meaning=next_meaning,
            steps=steps,
            locked=locked,
            record_sha256=record_sha256,
            intact=intact,
            signatures=signatures,
        )

        review.additional_properties = d
        return review

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
