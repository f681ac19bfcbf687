from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_run_list_item_list import PaginatedRunListItemList
from ...models.runs_list_kind import RunsListKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: RunsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["lab"] = lab

    params["layout"] = layout

    params["page"] = page

    params["page_size"] = page_size

    params["series"] = series

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/runs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedRunListItemList | None:
    if response.status_code == 200:
        response_200 = PaginatedRunListItemList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedRunListItemList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: RunsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Response[Any | Error | PaginatedRunListItemList]:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        kind (RunsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedRunListItemList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        series=series,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: RunsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Any | Error | PaginatedRunListItemList | None:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        kind (RunsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedRunListItemList
    """

    return sync_detailed(
        client=client,
        kind=kind,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        series=series,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: RunsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Response[Any | Error | PaginatedRunListItemList]:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        kind (RunsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedRunListItemList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        lab=lab,
        layout=layout,
        page=page,
        page_size=page_size,
        series=series,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: RunsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Any | Error | PaginatedRunListItemList | None:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        kind (RunsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedRunListItemList
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            lab=lab,
            layout=layout,
            page=page,
            page_size=page_size,
            series=series,
        )
    ).parsed
