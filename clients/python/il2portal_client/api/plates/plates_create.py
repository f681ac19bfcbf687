from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plate import Plate
from ...models.plate_upload_request import PlateUploadRequest
from ...models.plates_create_response_400 import PlatesCreateResponse400
from ...types import Response


def _get_kwargs(
    *,
    body: PlateUploadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/plates/",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Plate | PlatesCreateResponse400 | None:
    if response.status_code == 200:
        response_200 = Plate.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Plate.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = PlatesCreateResponse400.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Plate | PlatesCreateResponse400]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PlateUploadRequest,
) -> Response[Plate | PlatesCreateResponse400]:
    """201 with the plate; 200 with `duplicate: true` when the same bytes are already in the lab;
    `{"plates": [...]}` when one file holds several plates; 400 `unrecognized_format | parse_error |
    empty_file | file_too_large` with `detail.import_id`.

    Args:
        body (PlateUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Plate | PlatesCreateResponse400]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PlateUploadRequest,
) -> Plate | PlatesCreateResponse400 | None:
    """201 with the plate; 200 with `duplicate: true` when the same bytes are already in the lab;
    `{"plates": [...]}` when one file holds several plates; 400 `unrecognized_format | parse_error |
    empty_file | file_too_large` with `detail.import_id`.

    Args:
        body (PlateUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Plate | PlatesCreateResponse400
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PlateUploadRequest,
) -> Response[Plate | PlatesCreateResponse400]:
    """201 with the plate; 200 with `duplicate: true` when the same bytes are already in the lab;
    `{"plates": [...]}` when one file holds several plates; 400 `unrecognized_format | parse_error |
    empty_file | file_too_large` with `detail.import_id`.

    Args:
        body (PlateUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Plate | PlatesCreateResponse400]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PlateUploadRequest,
) -> Plate | PlatesCreateResponse400 | None:
    """201 with the plate; 200 with `duplicate: true` when the same bytes are already in the lab;
    `{"plates": [...]}` when one file holds several plates; 400 `unrecognized_format | parse_error |
    empty_file | file_too_large` with `detail.import_id`.

    Args:
        body (PlateUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Plate | PlatesCreateResponse400
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
