from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.arm import Arm
from ...models.arm_request import ArmRequest
from ...types import Response


def _get_kwargs(
    id: int,
    *,
    body: ArmRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/studies/{id}/groups/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Arm | None:
    if response.status_code == 201:
        response_201 = Arm.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Arm]:
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
    body: ArmRequest,
) -> Response[Arm]:
    """Add a group: `{name, treatments: [{treatment, lot, dose, dose_unit, route, schedule}],
    dosing_start_day, is_control, capacity}`; each treatment has its own test article and schedule. The
    one-treatment form `{name, treatment, lot, dose, route, schedule, …}` stays valid.

    Args:
        id (int):
        body (ArmRequest): A group (arm). ``treatments`` lists what its animals receive, each with
            its own test article, lot,
            dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route,
            schedule``
            are the one-treatment form: written, they mean one treatment (on PATCH: the first
            treatment);
            read, they are the **first** treatment's values, kept for compatibility (a combination
            group has
            more: read ``treatments``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Arm]
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
    body: ArmRequest,
) -> Arm | None:
    """Add a group: `{name, treatments: [{treatment, lot, dose, dose_unit, route, schedule}],
    dosing_start_day, is_control, capacity}`; each treatment has its own test article and schedule. The
    one-treatment form `{name, treatment, lot, dose, route, schedule, …}` stays valid.

    Args:
        id (int):
        body (ArmRequest): A group (arm). ``treatments`` lists what its animals receive, each with
            its own test article, lot,
            dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route,
            schedule``
            are the one-treatment form: written, they mean one treatment (on PATCH: the first
            treatment);
            read, they are the **first** treatment's values, kept for compatibility (a combination
            group has
            more: read ``treatments``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Arm
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
    body: ArmRequest,
) -> Response[Arm]:
    """Add a group: `{name, treatments: [{treatment, lot, dose, dose_unit, route, schedule}],
    dosing_start_day, is_control, capacity}`; each treatment has its own test article and schedule. The
    one-treatment form `{name, treatment, lot, dose, route, schedule, …}` stays valid.

    Args:
        id (int):
        body (ArmRequest): A group (arm). ``treatments`` lists what its animals receive, each with
            its own test article, lot,
            dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route,
            schedule``
            are the one-treatment form: written, they mean one treatment (on PATCH: the first
            treatment);
            read, they are the **first** treatment's values, kept for compatibility (a combination
            group has
            more: read ``treatments``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Arm]
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
    body: ArmRequest,
) -> Arm | None:
    """Add a group: `{name, treatments: [{treatment, lot, dose, dose_unit, route, schedule}],
    dosing_start_day, is_control, capacity}`; each treatment has its own test article and schedule. The
    one-treatment form `{name, treatment, lot, dose, route, schedule, …}` stays valid.

    Args:
        id (int):
        body (ArmRequest): A group (arm). ``treatments`` lists what its animals receive, each with
            its own test article, lot,
            dose, route and schedule. The single fields ``treatment, lot, dose, dose_unit, route,
            schedule``
            are the one-treatment form: written, they mean one treatment (on PATCH: the first
            treatment);
            read, they are the **first** treatment's values, kept for compatibility (a combination
            group has
            more: read ``treatments``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Arm
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
