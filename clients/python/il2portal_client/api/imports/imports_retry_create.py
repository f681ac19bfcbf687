from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.retry_request import RetryRequest
from ...models.uploaded_plate import UploadedPlate
from ...models.uploaded_plates import UploadedPlates
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: RetryRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/imports/{id}/retry/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | UploadedPlate | UploadedPlates | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> UploadedPlate | UploadedPlates:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_plate_upload_answer_type_0 = UploadedPlate.from_dict(data)

                return componentsschemas_plate_upload_answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_plate_upload_answer_type_1 = UploadedPlates.from_dict(data)

            return componentsschemas_plate_upload_answer_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    if response.status_code == 201:

        def _parse_response_201(data: object) -> UploadedPlate | UploadedPlates:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_plate_upload_answer_type_0 = UploadedPlate.from_dict(data)

                return componentsschemas_plate_upload_answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_plate_upload_answer_type_1 = UploadedPlates.from_dict(data)

            return componentsschemas_plate_upload_answer_type_1

        response_201 = _parse_response_201(response.json())

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

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | UploadedPlate | UploadedPlates]:
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
    body: RetryRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | UploadedPlate | UploadedPlates]:
    """Every upload attempt, failed ones included; a failed one can be retried with another format.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RetryRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | UploadedPlate | UploadedPlates]
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
    body: RetryRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | UploadedPlate | UploadedPlates | None:
    """Every upload attempt, failed ones included; a failed one can be retried with another format.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RetryRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | UploadedPlate | UploadedPlates
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
    body: RetryRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | Error | UploadedPlate | UploadedPlates]:
    """Every upload attempt, failed ones included; a failed one can be retried with another format.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RetryRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | UploadedPlate | UploadedPlates]
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
    body: RetryRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Any | Error | UploadedPlate | UploadedPlates | None:
    """Every upload attempt, failed ones included; a failed one can be retried with another format.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RetryRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | UploadedPlate | UploadedPlates
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
