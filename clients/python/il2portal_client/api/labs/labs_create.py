from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lab import Lab
from ...models.lab_request import LabRequest
from ...types import Response


def _get_kwargs(
    *,
    body: LabRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/labs/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Lab | None:
    if response.status_code == 201:
        response_201 = Lab.from_dict(response.json())

        return response_201

    if response.status_code == 403:
        response_403 = cast(Any, None)
        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Lab]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: LabRequest,
) -> Response[Any | Lab]:
    """The caller's labs. Creating a lab makes the caller its admin; who may create labs is the site's
    ``LAB_CREATION`` setting (``staff`` by default, or ``anyone``).

    Args:
        body (LabRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Lab]
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
    body: LabRequest,
) -> Any | Lab | None:
    """The caller's labs. Creating a lab makes the caller its admin; who may create labs is the site's
    ``LAB_CREATION`` setting (``staff`` by default, or ``anyone``).

    Args:
        body (LabRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Lab
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: LabRequest,
) -> Response[Any | Lab]:
    """The caller's labs. Creating a lab makes the caller its admin; who may create labs is the site's
    ``LAB_CREATION`` setting (``staff`` by default, or ``anyone``).

    Args:
        body (LabRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Lab]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: LabRequest,
) -> Any | Lab | None:
    """The caller's labs. Creating a lab makes the caller its admin; who may create labs is the site's
    ``LAB_CREATION`` setting (``staff`` by default, or ``anyone``).

    Args:
        body (LabRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Lab
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
