from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.lot_release import LotRelease
from ...models.lot_release_create_request import LotReleaseCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: LotReleaseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/lot-releases/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | LotRelease | None:
    if response.status_code == 201:
        response_201 = LotRelease.from_dict(response.json())

        return response_201

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
) -> Response[Any | Error | LotRelease]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: LotReleaseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | LotRelease]:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        idempotency_key (str | Unset):
        body (LotReleaseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | LotRelease]
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
    body: LotReleaseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | LotRelease | None:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        idempotency_key (str | Unset):
        body (LotReleaseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | LotRelease
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: LotReleaseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | LotRelease]:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        idempotency_key (str | Unset):
        body (LotReleaseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | LotRelease]
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
    body: LotReleaseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | LotRelease | None:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        idempotency_key (str | Unset):
        body (LotReleaseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | LotRelease
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
