from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.read import Read


T = TypeVar("T", bound="Plate")


@_attrs_define
class Plate:
    """
    Attributes:
        id (int):
        url (str):
        lab (int):
        name (str):
        barcode (str):
        vendor (str):
        instrument (str):
        software (str):
        sha256 (str):
        original_filename (str):
        rows (int):
        columns (int):
        reads (list[Read]):
        well_count (int):
        layout (int | None):
        import_id (int):
        metadata (Any):
        created_at (datetime.datetime):
        uploaded_by (None | str):
    """

    id: int
    url: str
    lab: int
    name: str
    barcode: str
    vendor: str
    instrument: str
    software: str
    sha256: str
    original_filename: str
    rows: int
    columns: int
    reads: list[Read]
    well_count: int
    layout: int | None
    import_id: int
    metadata: Any
    created_at: datetime.datetime
    uploaded_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        lab = self.lab

        name = self.name

        barcode = self.barcode

        vendor = self.vendor

        instrument = self.instrument

        software = self.software

        sha256 = self.sha256

        original_filename = self.original_filename

        rows = self.rows

        columns = self.columns

        reads = []
        for reads_item_data in self.reads:
            reads_item = reads_item_data.to_dict()
            reads.append(reads_item)

        well_count = self.well_count

        layout: int | None
        layout = self.layout

        import_id = self.import_id

        metadata = self.metadata

        created_at = self.created_at.isoformat()

        uploaded_by: None | str
        uploaded_by = self.uploaded_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "lab": lab,
                "name": name,
                "barcode": barcode,
                "vendor": vendor,
                "instrument": instrument,
                "software": software,
                "sha256": sha256,
                "original_filename": original_filename,
                "rows": rows,
                "columns": columns,
                "reads": reads,
                "well_count": well_count,
                "layout": layout,
                "import_id": import_id,
                "metadata": metadata,
                "created_at": created_at,
                "uploaded_by": uploaded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.read import Read  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        lab = d.pop("lab")

        name = d.pop("name")

        barcode = d.pop("barcode")

        vendor = d.pop("vendor")

        instrument = d.pop("instrument")

        software = d.pop("software")

        sha256 = d.pop("sha256")

        original_filename = d.pop("original_filename")

        rows = d.pop("rows")

        columns = d.pop("columns")

        reads = []
        _reads = d.pop("reads")
        for reads_item_data in _reads:
            reads_item = Read.from_dict(reads_item_data)

            reads.append(reads_item)

        well_count = d.pop("well_count")

        def _parse_layout(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        layout = _parse_layout(d.pop("layout"))

        import_id = d.pop("import_id")

        metadata = d.pop("metadata")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_uploaded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        uploaded_by = _parse_uploaded_by(d.pop("uploaded_by"))

        plate = cls(
            id=id,
            url=url,
            lab=lab,
            name=name,
            barcode=barcode,
            vendor=vendor,
            instrument=instrument,
            software=software,
            sha256=sha256,
            original_filename=original_filename,
            rows=rows,
            columns=columns,
            reads=reads,
            well_count=well_count,
            layout=layout,
            import_id=import_id,
            metadata=metadata,
            created_at=created_at,
            uploaded_by=uploaded_by,
        )

        plate.additional_properties = d
        return plate

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
