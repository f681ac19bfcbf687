from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_notification_list import PaginatedNotificationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    unread: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lab"] = lab

    params["page"] = page

    params["page_size"] = page_size

    params["unread"] = unread

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/notifications/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedNotificationList | None:
    if response.status_code == 200:
        response_200 = PaginatedNotificationList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedNotificationList]:
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
    unread: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedNotificationList]:
    """The caller's own notifications in one lab (the current lab unless ``?lab=``), newest first:
    failed jobs they started, what waits for their signature, animals of their studies at a humane
    endpoint. The same list as the portal's *Notifications* page.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        unread (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedNotificationList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        page=page,
        page_size=page_size,
        unread=unread,
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
    unread: bool | Unset = UNSET,
) -> Any | Error | PaginatedNotificationList | None:
    """The caller's own notifications in one lab (the current lab unless ``?lab=``), newest first:
    failed jobs they started, what waits for their signature, animals of their studies at a humane
    endpoint. The same list as the portal's *Notifications* page.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        unread (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedNotificationList
    """

    return sync_detailed(
        client=client,
        lab=lab,
        page=page,
        page_size=page_size,
        unread=unread,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    unread: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedNotificationList]:
    """The caller's own notifications in one lab (the current lab unless ``?lab=``), newest first:
    failed jobs they started, what waits for their signature, animals of their studies at a humane
    endpoint. The same list as the portal's *Notifications* page.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        unread (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedNotificationList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        page=page,
        page_size=page_size,
        unread=unread,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    unread: bool | Unset = UNSET,
) -> Any | Error | PaginatedNotificationList | None:
    """The caller's own notifications in one lab (the current lab unless ``?lab=``), newest first:
    failed jobs they started, what waits for their signature, animals of their studies at a humane
    endpoint. The same list as the portal's *Notifications* page.

    Args:
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        unread (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedNotificationList
    """

    return (
        await asyncio_detailed(
            client=client,
            lab=lab,
            page=page,
            page_size=page_size,
            unread=unread,
        )
    ).parsed
