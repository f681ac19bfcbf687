import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_plate_list import PaginatedPlateList
from ...models.plates_list_vendor import PlatesListVendor
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    vendor: PlatesListVendor | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["barcode"] = barcode

    json_created_after: str | Unset = UNSET
    if not isinstance(created_after, Unset):
        json_created_after = created_after.isoformat()
    params["created_after"] = json_created_after

    json_created_before: str | Unset = UNSET
    if not isinstance(created_before, Unset):
        json_created_before = created_before.isoformat()
    params["created_before"] = json_created_before

    params["lab"] = lab

    params["layout"] = layout

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params["search"] = search

    json_vendor: str | Unset = UNSET
    if not isinstance(vendor, Unset):
        json_vendor = vendor.value

    params["vendor"] = json_vendor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/plates/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedPlateList | None:
    if response.status_code == 200:
        response_200 = PaginatedPlateList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 414:
        response_414 = cast(Any, None)
        return response_414

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | PaginatedPlateList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    vendor: PlatesListVendor | Unset = UNSET,
) -> Response[Any | Error | PaginatedPlateList]:
    """Plate-reader exports: upload (multipart), list with filters, wells in long form, the original bytes.

    Args:
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        vendor (PlatesListVendor | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedPlateList]
    """

    kwargs = _get_kwargs(
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        search=search,
        vendor=vendor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    vendor: PlatesListVendor | Unset = UNSET,
) -> Any | Error | PaginatedPlateList | None:
    """Plate-reader exports: upload (multipart), list with filters, wells in long form, the original bytes.

    Args:
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        vendor (PlatesListVendor | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedPlateList
    """

    return sync_detailed(
        client=client,
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        search=search,
        vendor=vendor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    vendor: PlatesListVendor | Unset = UNSET,
) -> Response[Any | Error | PaginatedPlateList]:
    """Plate-reader exports: upload (multipart), list with filters, wells in long form, the original bytes.

    Args:
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        vendor (PlatesListVendor | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedPlateList]
    """

    kwargs = _get_kwargs(
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        search=search,
        vendor=vendor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    search: str | Unset = UNSET,
    vendor: PlatesListVendor | Unset = UNSET,
) -> Any | Error | PaginatedPlateList | None:
    """Plate-reader exports: upload (multipart), list with filters, wells in long form, the original bytes.

    Args:
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        search (str | Unset):
        vendor (PlatesListVendor | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedPlateList
    """

    return (
        await asyncio_detailed(
            client=client,
            barcode=barcode,
            created_after=created_after,
            created_before=created_before,
            lab=lab,
            layout=layout,
            page=page,
            page_size=page_size,
            q=q,
            search=search,
            vendor=vendor,
        )
    ).parsed
