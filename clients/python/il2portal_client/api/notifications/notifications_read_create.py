from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.notification_read_request import NotificationReadRequest
from ...models.notification_read_result import NotificationReadResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: NotificationReadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/notifications/read/",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | NotificationReadResult | None:
    if response.status_code == 200:
        response_200 = NotificationReadResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = cast(Any, None)
        return response_414

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | NotificationReadResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NotificationReadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | NotificationReadResult]:
    """Mark notifications read

     `{"ids": [1, 2]}` marks these (ids of others or of another lab are ignored); `{"all": true}` marks
    every unread one of the lab. `lab` defaults to the current lab.

    Args:
        idempotency_key (str | Unset):
        body (NotificationReadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | NotificationReadResult]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NotificationReadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | NotificationReadResult | None:
    """Mark notifications read

     `{"ids": [1, 2]}` marks these (ids of others or of another lab are ignored); `{"all": true}` marks
    every unread one of the lab. `lab` defaults to the current lab.

    Args:
        idempotency_key (str | Unset):
        body (NotificationReadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | NotificationReadResult
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NotificationReadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | NotificationReadResult]:
    """Mark notifications read

     `{"ids": [1, 2]}` marks these (ids of others or of another lab are ignored); `{"all": true}` marks
    every unread one of the lab. `lab` defaults to the current lab.

    Args:
        idempotency_key (str | Unset):
        body (NotificationReadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | NotificationReadResult]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NotificationReadRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | NotificationReadResult | None:
    """Mark notifications read

     `{"ids": [1, 2]}` marks these (ids of others or of another lab are ignored); `{"all": true}` marks
    every unread one of the lab. `lab` defaults to the current lab.

    Args:
        idempotency_key (str | Unset):
        body (NotificationReadRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | NotificationReadResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
