from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.sign_request_request import SignRequestRequest
from ...models.sign_response import SignResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    version: str,
    *,
    body: SignRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/runs/{id}/versions/{version}/sign/".format(
            id=quote(str(id), safe=""),
            version=quote(str(version), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | SignResponse | None:
    if response.status_code == 201:
        response_201 = SignResponse.from_dict(response.json())

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
) -> Response[Any | Error | SignResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    version: str,
    *,
    client: AuthenticatedClient,
    body: SignRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | SignResponse]:
    """Sign version `version` of the run: `authored` submits it for review; `reviewed`, `approved` or
    `rejected` (with a reason) by the people the lab's rule names. Re-asks the signer's password; wrong
    ones are counted and too many lock signing for a while (429). An author may not review or approve
    their own version; only the newest version can be signed; instrument tokens cannot sign (403).

    Args:
        id (int):
        version (str):
        idempotency_key (str | Unset):
        body (SignRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | SignResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        version=version,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    version: str,
    *,
    client: AuthenticatedClient,
    body: SignRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | SignResponse | None:
    """Sign version `version` of the run: `authored` submits it for review; `reviewed`, `approved` or
    `rejected` (with a reason) by the people the lab's rule names. Re-asks the signer's password; wrong
    ones are counted and too many lock signing for a while (429). An author may not review or approve
    their own version; only the newest version can be signed; instrument tokens cannot sign (403).

    Args:
        id (int):
        version (str):
        idempotency_key (str | Unset):
        body (SignRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | SignResponse
    """

    return sync_detailed(
        id=id,
        version=version,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    version: str,
    *,
    client: AuthenticatedClient,
    body: SignRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | SignResponse]:
    """Sign version `version` of the run: `authored` submits it for review; `reviewed`, `approved` or
    `rejected` (with a reason) by the people the lab's rule names. Re-asks the signer's password; wrong
    ones are counted and too many lock signing for a while (429). An author may not review or approve
    their own version; only the newest version can be signed; instrument tokens cannot sign (403).

    Args:
        id (int):
        version (str):
        idempotency_key (str | Unset):
        body (SignRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | SignResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        version=version,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    version: str,
    *,
    client: AuthenticatedClient,
    body: SignRequestRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | SignResponse | None:
    """Sign version `version` of the run: `authored` submits it for review; `reviewed`, `approved` or
    `rejected` (with a reason) by the people the lab's rule names. Re-asks the signer's password; wrong
    ones are counted and too many lock signing for a while (429). An author may not review or approve
    their own version; only the newest version can be signed; instrument tokens cannot sign (403).

    Args:
        id (int):
        version (str):
        idempotency_key (str | Unset):
        body (SignRequestRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | SignResponse
    """

    return (
        await asyncio_detailed(
            id=id,
            version=version,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
