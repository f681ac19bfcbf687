from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_lot_list import PaginatedLotList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lab"] = lab

    params["page"] = page

    params["page_size"] = page_size

    params["test_article"] = test_article

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/lots/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedLotList | None:
    if response.status_code == 200:
        response_200 = PaginatedLotList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedLotList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedLotList]:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedLotList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        page=page,
        page_size=page_size,
        test_article=test_article,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Any | Error | PaginatedLotList | None:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedLotList
    """

    return sync_detailed(
        client=client,
        lab=lab,
        page=page,
        page_size=page_size,
        test_article=test_article,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedLotList]:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedLotList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        page=page,
        page_size=page_size,
        test_article=test_article,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Any | Error | PaginatedLotList | None:
    """``get_queryset`` is always the model's queryset filtered to the caller's labs.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedLotList
    """

    return (
        await asyncio_detailed(
            client=client,
            lab=lab,
            page=page,
            page_size=page_size,
            test_article=test_article,
        )
    ).parsed
