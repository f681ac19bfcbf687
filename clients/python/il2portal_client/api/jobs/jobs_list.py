from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.jobs_list_status import JobsListStatus
from ...models.paginated_job_list_item_list import PaginatedJobListItemList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: JobsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["kind"] = kind

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/jobs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedJobListItemList | None:
    if response.status_code == 200:
        response_200 = PaginatedJobListItemList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedJobListItemList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: JobsListStatus | Unset = UNSET,
) -> Response[Any | Error | PaginatedJobListItemList]:
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``).

    Args:
        kind (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (JobsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedJobListItemList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: JobsListStatus | Unset = UNSET,
) -> Any | Error | PaginatedJobListItemList | None:
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``).

    Args:
        kind (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (JobsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedJobListItemList
    """

    return sync_detailed(
        client=client,
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: JobsListStatus | Unset = UNSET,
) -> Response[Any | Error | PaginatedJobListItemList]:
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``).

    Args:
        kind (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (JobsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedJobListItemList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: JobsListStatus | Unset = UNSET,
) -> Any | Error | PaginatedJobListItemList | None:
    """Long work: poll ``status`` until ``succeeded`` (then read ``result``) or ``failed`` (``error``).

    Args:
        kind (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (JobsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedJobListItemList
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
