from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.measurement import Measurement
from ...models.measurement_row_request import MeasurementRowRequest
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: list[MeasurementRowRequest],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/studies/{id}/measurements/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> list[Measurement] | None:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = Measurement.from_dict(response_201_item_data)

            response_201.append(response_201_item)

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[list[Measurement]]:
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
    body: list[MeasurementRowRequest],
) -> Response[list[Measurement]]:
    """A list of `{animal: <tag>, date, length_mm, width_mm, weight_g}`. Volume is computed; length and
    width are swapped when entered the wrong way round. All rows are checked first; one bad row rejects
    the batch, naming it (`rows[3].width_mm: …`), and nothing is stored. At most 5,000 rows per request.

    Args:
        id (int):
        body (list[MeasurementRowRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Measurement]]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: list[MeasurementRowRequest],
) -> list[Measurement] | None:
    """A list of `{animal: <tag>, date, length_mm, width_mm, weight_g}`. Volume is computed; length and
    width are swapped when entered the wrong way round. All rows are checked first; one bad row rejects
    the batch, naming it (`rows[3].width_mm: …`), and nothing is stored. At most 5,000 rows per request.

    Args:
        id (int):
        body (list[MeasurementRowRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Measurement]
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: list[MeasurementRowRequest],
) -> Response[list[Measurement]]:
    """A list of `{animal: <tag>, date, length_mm, width_mm, weight_g}`. Volume is computed; length and
    width are swapped when entered the wrong way round. All rows are checked first; one bad row rejects
    the batch, naming it (`rows[3].width_mm: …`), and nothing is stored. At most 5,000 rows per request.

    Args:
        id (int):
        body (list[MeasurementRowRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Measurement]]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: list[MeasurementRowRequest],
) -> list[Measurement] | None:
    """A list of `{animal: <tag>, date, length_mm, width_mm, weight_g}`. Volume is computed; length and
    width are swapped when entered the wrong way round. All rows are checked first; one bad row rejects
    the batch, naming it (`rows[3].width_mm: …`), and nothing is stored. At most 5,000 rows per request.

    Args:
        id (int):
        body (list[MeasurementRowRequest]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Measurement]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
