from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.webhook import Webhook
from ...models.webhook_request_request import WebhookRequestRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: WebhookRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/tokens/{id}/webhook/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | Webhook | None:
    if response.status_code == 200:
        response_200 = Webhook.from_dict(response.json())

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
) -> Response[Any | Error | Webhook]:
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
    body: WebhookRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | Webhook]:
    """Register the token's webhook (answers the signing secret once)

     Every job started with this token is POSTed to `url` when it ends: `{"event": "job.finished",
    "delivery", "job"}` (the job as `GET /jobs/{id}/` serves it), with headers `X-IL2-Event`,
    `X-IL2-Delivery`, `X-IL2-Timestamp` and `X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, timestamp
    + '.' + body)>`. A non-2xx answer or a network error is retried with exponential backoff; redirects
    are not followed. Registering again replaces the URL and the secret.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (WebhookRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | Webhook]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: WebhookRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | Webhook | None:
    """Register the token's webhook (answers the signing secret once)

     Every job started with this token is POSTed to `url` when it ends: `{"event": "job.finished",
    "delivery", "job"}` (the job as `GET /jobs/{id}/` serves it), with headers `X-IL2-Event`,
    `X-IL2-Delivery`, `X-IL2-Timestamp` and `X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, timestamp
    + '.' + body)>`. A non-2xx answer or a network error is retried with exponential backoff; redirects
    are not followed. Registering again replaces the URL and the secret.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (WebhookRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | Webhook
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: WebhookRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | Webhook]:
    """Register the token's webhook (answers the signing secret once)

     Every job started with this token is POSTed to `url` when it ends: `{"event": "job.finished",
    "delivery", "job"}` (the job as `GET /jobs/{id}/` serves it), with headers `X-IL2-Event`,
    `X-IL2-Delivery`, `X-IL2-Timestamp` and `X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, timestamp
    + '.' + body)>`. A non-2xx answer or a network error is retried with exponential backoff; redirects
    are not followed. Registering again replaces the URL and the secret.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (WebhookRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | Webhook]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: WebhookRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | Webhook | None:
    """Register the token's webhook (answers the signing secret once)

     Every job started with this token is POSTed to `url` when it ends: `{"event": "job.finished",
    "delivery", "job"}` (the job as `GET /jobs/{id}/` serves it), with headers `X-IL2-Event`,
    `X-IL2-Delivery`, `X-IL2-Timestamp` and `X-IL2-Signature: sha256=<hex HMAC-SHA256(secret, timestamp
    + '.' + body)>`. A non-2xx answer or a network error is retried with exponential backoff; redirects
    are not followed. Registering again replaces the URL and the secret.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (WebhookRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | Webhook
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
