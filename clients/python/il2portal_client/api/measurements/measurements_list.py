import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_measurement_list import PaginatedMeasurementList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    animal: int | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    date_after: datetime.date | Unset = UNSET,
    date_before: datetime.date | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    swapped: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["animal"] = animal

    json_date: str | Unset = UNSET
    if not isinstance(date, Unset):
        json_date = date.isoformat()
    params["date"] = json_date

    json_date_after: str | Unset = UNSET
    if not isinstance(date_after, Unset):
        json_date_after = date_after.isoformat()
    params["date_after"] = json_date_after

    json_date_before: str | Unset = UNSET
    if not isinstance(date_before, Unset):
        json_date_before = date_before.isoformat()
    params["date_before"] = json_date_before

    params["group"] = group

    params["page"] = page

    params["page_size"] = page_size

    params["study"] = study

    params["swapped"] = swapped

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/measurements/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedMeasurementList | None:
    if response.status_code == 200:
        response_200 = PaginatedMeasurementList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedMeasurementList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    animal: int | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    date_after: datetime.date | Unset = UNSET,
    date_before: datetime.date | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    swapped: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | Error | PaginatedMeasurementList]:
    """Measurements, by study, animal (in the order they were added) and day; ``PATCH`` corrects one
    (re-validated, old values kept in the audit trail).

    Args:
        animal (int | Unset):
        date (datetime.date | Unset):
        date_after (datetime.date | Unset):
        date_before (datetime.date | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        swapped (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedMeasurementList]
    """

    kwargs = _get_kwargs(
        animal=animal,
        date=date,
        date_after=date_after,
        date_before=date_before,
        group=group,
        page=page,
        page_size=page_size,
        study=study,
        swapped=swapped,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    animal: int | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    date_after: datetime.date | Unset = UNSET,
    date_before: datetime.date | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    swapped: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | Error | PaginatedMeasurementList | None:
    """Measurements, by study, animal (in the order they were added) and day; ``PATCH`` corrects one
    (re-validated, old values kept in the audit trail).

    Args:
        animal (int | Unset):
        date (datetime.date | Unset):
        date_after (datetime.date | Unset):
        date_before (datetime.date | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        swapped (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedMeasurementList
    """

    return sync_detailed(
        client=client,
        animal=animal,
        date=date,
        date_after=date_after,
        date_before=date_before,
        group=group,
        page=page,
        page_size=page_size,
        study=study,
        swapped=swapped,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    animal: int | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    date_after: datetime.date | Unset = UNSET,
    date_before: datetime.date | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    swapped: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | Error | PaginatedMeasurementList]:
    """Measurements, by study, animal (in the order they were added) and day; ``PATCH`` corrects one
    (re-validated, old values kept in the audit trail).

    Args:
        animal (int | Unset):
        date (datetime.date | Unset):
        date_after (datetime.date | Unset):
        date_before (datetime.date | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        swapped (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedMeasurementList]
    """

    kwargs = _get_kwargs(
        animal=animal,
        date=date,
        date_after=date_after,
        date_before=date_before,
        group=group,
        page=page,
        page_size=page_size,
        study=study,
        swapped=swapped,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    animal: int | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    date_after: datetime.date | Unset = UNSET,
    date_before: datetime.date | Unset = UNSET,
    group: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    swapped: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | Error | PaginatedMeasurementList | None:
    """Measurements, by study, animal (in the order they were added) and day; ``PATCH`` corrects one
    (re-validated, old values kept in the audit trail).

    Args:
        animal (int | Unset):
        date (datetime.date | Unset):
        date_after (datetime.date | Unset):
        date_before (datetime.date | Unset):
        group (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        swapped (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedMeasurementList
    """

    return (
        await asyncio_detailed(
            client=client,
            animal=animal,
            date=date,
            date_after=date_after,
            date_before=date_before,
            group=group,
            page=page,
            page_size=page_size,
            study=study,
            swapped=swapped,
            tag=tag,
        )
    ).parsed
