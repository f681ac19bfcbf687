import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_well_list import PaginatedWellList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    barcode: str | Unset = UNSET,
    created_after: datetime.datetime | Unset = UNSET,
    created_before: datetime.datetime | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    read: int | Unset = UNSET,
    vendor: str | Unset = UNSET,
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

    params["read"] = read

    params["vendor"] = vendor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/plates/{id}/wells/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PaginatedWellList | None:
    if response.status_code == 200:
        response_200 = PaginatedWellList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PaginatedWellList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
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
    read: int | Unset = UNSET,
    vendor: str | Unset = UNSET,
) -> Response[PaginatedWellList]:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        read (int | Unset):
        vendor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedWellList]
    """

    kwargs = _get_kwargs(
        id=id,
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        read=read,
        vendor=vendor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
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
    read: int | Unset = UNSET,
    vendor: str | Unset = UNSET,
) -> PaginatedWellList | None:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        read (int | Unset):
        vendor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedWellList
    """

    return sync_detailed(
        id=id,
        client=client,
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        read=read,
        vendor=vendor,
    ).parsed


async def asyncio_detailed(
    id: int,
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
    read: int | Unset = UNSET,
    vendor: str | Unset = UNSET,
) -> Response[PaginatedWellList]:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        read (int | Unset):
        vendor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedWellList]
    """

    kwargs = _get_kwargs(
        id=id,
        barcode=barcode,
        created_after=created_after,
        created_before=created_before,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        q=q,
        read=read,
        vendor=vendor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
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
    read: int | Unset = UNSET,
    vendor: str | Unset = UNSET,
) -> PaginatedWellList | None:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        barcode (str | Unset):
        created_after (datetime.datetime | Unset):
        created_before (datetime.datetime | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        q (str | Unset):
        read (int | Unset):
        vendor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedWellList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            barcode=barcode,
            created_after=created_after,
            created_before=created_before,
            lab=lab,
            layout=layout,
            page=page,
            page_size=page_size,
            q=q,
            read=read,
            vendor=vendor,
        )
    ).parsed
