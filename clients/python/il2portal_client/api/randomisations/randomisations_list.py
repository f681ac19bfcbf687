from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_randomisation_list import PaginatedRandomisationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["study"] = study

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/randomisations/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedRandomisationList | None:
    if response.status_code == 200:
        response_200 = PaginatedRandomisationList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedRandomisationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedRandomisationList]:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedRandomisationList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        study=study,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Any | Error | PaginatedRandomisationList | None:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedRandomisationList
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        study=study,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedRandomisationList]:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedRandomisationList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        study=study,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Any | Error | PaginatedRandomisationList | None:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedRandomisationList
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            study=study,
        )
    ).parsed
