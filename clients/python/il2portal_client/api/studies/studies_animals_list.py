from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_animal_list import PaginatedAnimalList
from ...models.studies_animals_list_sex import StudiesAnimalsListSex
from ...models.studies_animals_list_status import StudiesAnimalsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    cage: str | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    sex: StudiesAnimalsListSex | Unset = UNSET,
    status: StudiesAnimalsListStatus | Unset = UNSET,
    study: int | Unset = UNSET,
    tag: str | Unset = UNSET,
    unassigned: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cage"] = cage

    params["group"] = group

    params["page"] = page

    params["page_size"] = page_size

    json_sex: str | Unset = UNSET
    if not isinstance(sex, Unset):
        json_sex = sex.value

    params["sex"] = json_sex

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["study"] = study

    params["tag"] = tag

    params["unassigned"] = unassigned

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/studies/{id}/animals/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedAnimalList | None:
    if response.status_code == 200:
        response_200 = PaginatedAnimalList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedAnimalList]:
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
    cage: str | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    sex: StudiesAnimalsListSex | Unset = UNSET,
    status: StudiesAnimalsListStatus | Unset = UNSET,
    study: int | Unset = UNSET,
    tag: str | Unset = UNSET,
    unassigned: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedAnimalList]:
    """The study's animals, a page at a time; filter by tag, group, cage, sex or status.

    Args:
        id (int):
        cage (str | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        sex (StudiesAnimalsListSex | Unset):
        status (StudiesAnimalsListStatus | Unset):
        study (int | Unset):
        tag (str | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedAnimalList]
    """

    kwargs = _get_kwargs(
        id=id,
        cage=cage,
        group=group,
        page=page,
        page_size=page_size,
        sex=sex,
        status=status,
        study=study,
        tag=tag,
        unassigned=unassigned,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    cage: str | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    sex: StudiesAnimalsListSex | Unset = UNSET,
    status: StudiesAnimalsListStatus | Unset = UNSET,
    study: int | Unset = UNSET,
    tag: str | Unset = UNSET,
    unassigned: bool | Unset = UNSET,
) -> Any | Error | PaginatedAnimalList | None:
    """The study's animals, a page at a time; filter by tag, group, cage, sex or status.

    Args:
        id (int):
        cage (str | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        sex (StudiesAnimalsListSex | Unset):
        status (StudiesAnimalsListStatus | Unset):
        study (int | Unset):
        tag (str | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedAnimalList
    """

    return sync_detailed(
        id=id,
        client=client,
        cage=cage,
        group=group,
        page=page,
        page_size=page_size,
        sex=sex,
        status=status,
        study=study,
        tag=tag,
        unassigned=unassigned,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    cage: str | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    sex: StudiesAnimalsListSex | Unset = UNSET,
    status: StudiesAnimalsListStatus | Unset = UNSET,
    study: int | Unset = UNSET,
    tag: str | Unset = UNSET,
    unassigned: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedAnimalList]:
    """The study's animals, a page at a time; filter by tag, group, cage, sex or status.

    Args:
        id (int):
        cage (str | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        sex (StudiesAnimalsListSex | Unset):
        status (StudiesAnimalsListStatus | Unset):
        study (int | Unset):
        tag (str | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedAnimalList]
    """

    kwargs = _get_kwargs(
        id=id,
        cage=cage,
        group=group,
        page=page,
        page_size=page_size,
        sex=sex,
        status=status,
        study=study,
        tag=tag,
        unassigned=unassigned,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    cage: str | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    sex: StudiesAnimalsListSex | Unset = UNSET,
    status: StudiesAnimalsListStatus | Unset = UNSET,
    study: int | Unset = UNSET,
    tag: str | Unset = UNSET,
    unassigned: bool | Unset = UNSET,
) -> Any | Error | PaginatedAnimalList | None:
    """The study's animals, a page at a time; filter by tag, group, cage, sex or status.

    Args:
        id (int):
        cage (str | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        sex (StudiesAnimalsListSex | Unset):
        status (StudiesAnimalsListStatus | Unset):
        study (int | Unset):
        tag (str | Unset):
        unassigned (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedAnimalList
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            cage=cage,
            group=group,
            page=page,
            page_size=page_size,
            sex=sex,
            status=status,
            study=study,
            tag=tag,
            unassigned=unassigned,
        )
    ).parsed
