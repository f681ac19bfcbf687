import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_study_list import PaginatedStudyList
from ...models.studies_list_status import StudiesListStatus
from ...models.studies_list_tumor_model import StudiesListTumorModel
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    day0_after: datetime.date | Unset = UNSET,
    day0_before: datetime.date | Unset = UNSET,
    lab: int | Unset = UNSET,
    name: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: StudiesListStatus | Unset = UNSET,
    strain: str | Unset = UNSET,
    tumor_model: StudiesListTumorModel | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_day0_after: str | Unset = UNSET
    if not isinstance(day0_after, Unset):
        json_day0_after = day0_after.isoformat()
    params["day0_after"] = json_day0_after

    json_day0_before: str | Unset = UNSET
    if not isinstance(day0_before, Unset):
        json_day0_before = day0_before.isoformat()
    params["day0_before"] = json_day0_before

    params["lab"] = lab

    params["name"] = name

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["strain"] = strain

    json_tumor_model: str | Unset = UNSET
    if not isinstance(tumor_model, Unset):
        json_tumor_model = tumor_model.value

    params["tumor_model"] = json_tumor_model

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/studies/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedStudyList | None:
    if response.status_code == 200:
        response_200 = PaginatedStudyList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedStudyList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    day0_after: datetime.date | Unset = UNSET,
    day0_before: datetime.date | Unset = UNSET,
    lab: int | Unset = UNSET,
    name: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: StudiesListStatus | Unset = UNSET,
    strain: str | Unset = UNSET,
    tumor_model: StudiesListTumorModel | Unset = UNSET,
) -> Response[Any | Error | PaginatedStudyList]:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        day0_after (datetime.date | Unset):
        day0_before (datetime.date | Unset):
        lab (int | Unset):
        name (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (StudiesListStatus | Unset):
        strain (str | Unset):
        tumor_model (StudiesListTumorModel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedStudyList]
    """

    kwargs = _get_kwargs(
        day0_after=day0_after,
        day0_before=day0_before,
        lab=lab,
        name=name,
        page=page,
        page_size=page_size,
        status=status,
        strain=strain,
        tumor_model=tumor_model,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    day0_after: datetime.date | Unset = UNSET,
    day0_before: datetime.date | Unset = UNSET,
    lab: int | Unset = UNSET,
    name: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: StudiesListStatus | Unset = UNSET,
    strain: str | Unset = UNSET,
    tumor_model: StudiesListTumorModel | Unset = UNSET,
) -> Any | Error | PaginatedStudyList | None:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        day0_after (datetime.date | Unset):
        day0_before (datetime.date | Unset):
        lab (int | Unset):
        name (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (StudiesListStatus | Unset):
        strain (str | Unset):
        tumor_model (StudiesListTumorModel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedStudyList
    """

    return sync_detailed(
        client=client,
        day0_after=day0_after,
        day0_before=day0_before,
        lab=lab,
        name=name,
        page=page,
        page_size=page_size,
        status=status,
        strain=strain,
        tumor_model=tumor_model,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    day0_after: datetime.date | Unset = UNSET,
    day0_before: datetime.date | Unset = UNSET,
    lab: int | Unset = UNSET,
    name: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: StudiesListStatus | Unset = UNSET,
    strain: str | Unset = UNSET,
    tumor_model: StudiesListTumorModel | Unset = UNSET,
) -> Response[Any | Error | PaginatedStudyList]:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        day0_after (datetime.date | Unset):
        day0_before (datetime.date | Unset):
        lab (int | Unset):
        name (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (StudiesListStatus | Unset):
        strain (str | Unset):
        tumor_model (StudiesListTumorModel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedStudyList]
    """

    kwargs = _get_kwargs(
        day0_after=day0_after,
        day0_before=day0_before,
        lab=lab,
        name=name,
        page=page,
        page_size=page_size,
        status=status,
        strain=strain,
        tumor_model=tumor_model,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    day0_after: datetime.date | Unset = UNSET,
    day0_before: datetime.date | Unset = UNSET,
    lab: int | Unset = UNSET,
    name: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: StudiesListStatus | Unset = UNSET,
    strain: str | Unset = UNSET,
    tumor_model: StudiesListTumorModel | Unset = UNSET,
) -> Any | Error | PaginatedStudyList | None:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        day0_after (datetime.date | Unset):
        day0_before (datetime.date | Unset):
        lab (int | Unset):
        name (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (StudiesListStatus | Unset):
        strain (str | Unset):
        tumor_model (StudiesListTumorModel | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedStudyList
    """

    return (
        await asyncio_detailed(
            client=client,
            day0_after=day0_after,
            day0_before=day0_before,
            lab=lab,
            name=name,
            page=page,
            page_size=page_size,
            status=status,
            strain=strain,
            tumor_model=tumor_model,
        )
    ).parsed
