from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_arm_list import PaginatedArmList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    is_control: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    treatment: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["is_control"] = is_control

    params["page"] = page

    params["page_size"] = page_size

    params["study"] = study

    params["treatment"] = treatment

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/groups/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedArmList | None:
    if response.status_code == 200:
        response_200 = PaginatedArmList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedArmList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    is_control: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    treatment: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedArmList]:
    """Groups (arms) of all studies; create them under ``/studies/{id}/groups/``.

    Args:
        is_control (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        treatment (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedArmList]
    """

    kwargs = _get_kwargs(
        is_control=is_control,
        page=page,
        page_size=page_size,
        study=study,
        treatment=treatment,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    is_control: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    treatment: int | Unset = UNSET,
) -> Any | Error | PaginatedArmList | None:
    """Groups (arms) of all studies; create them under ``/studies/{id}/groups/``.

    Args:
        is_control (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        treatment (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedArmList
    """

    return sync_detailed(
        client=client,
        is_control=is_control,
        page=page,
        page_size=page_size,
        study=study,
        treatment=treatment,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    is_control: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    treatment: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedArmList]:
    """Groups (arms) of all studies; create them under ``/studies/{id}/groups/``.

    Args:
        is_control (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        treatment (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedArmList]
    """

    kwargs = _get_kwargs(
        is_control=is_control,
        page=page,
        page_size=page_size,
        study=study,
        treatment=treatment,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    is_control: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    treatment: int | Unset = UNSET,
) -> Any | Error | PaginatedArmList | None:
    """Groups (arms) of all studies; create them under ``/studies/{id}/groups/``.

    Args:
        is_control (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        treatment (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedArmList
    """

    return (
        await asyncio_detailed(
            client=client,
            is_control=is_control,
            page=page,
            page_size=page_size,
            study=study,
            treatment=treatment,
        )
    ).parsed
