from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_well_list import PaginatedWellList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    read: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["read"] = read

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/plates/{id}/wells/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedWellList | None:
    if response.status_code == 200:
        response_200 = PaginatedWellList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedWellList]:
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
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    read: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedWellList]:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        page (int | Unset):
        page_size (int | Unset):
        read (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedWellList]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        page_size=page_size,
        read=read,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    read: int | Unset = UNSET,
) -> Any | Error | PaginatedWellList | None:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        page (int | Unset):
        page_size (int | Unset):
        read (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedWellList
    """

    return sync_detailed(
        id=id,
        client=client,
        page=page,
        page_size=page_size,
        read=read,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    read: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedWellList]:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        page (int | Unset):
        page_size (int | Unset):
        read (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedWellList]
    """

    kwargs = _get_kwargs(
        id=id,
        page=page,
        page_size=page_size,
        read=read,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    read: int | Unset = UNSET,
) -> Any | Error | PaginatedWellList | None:
    """Values in long form: one row per (well, read, time), paginated like every list
    (``{count, next, previous, results}``; 1536 values per page by default, ``?page_size=`` up to
    10,000).

    Args:
        id (int):
        page (int | Unset):
        page_size (int | Unset):
        read (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedWellList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            page=page,
            page_size=page_size,
            read=read,
        )
    ).parsed
