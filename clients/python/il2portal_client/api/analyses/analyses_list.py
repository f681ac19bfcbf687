from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analyses_list_kind import AnalysesListKind
from ...models.error import Error
from ...models.paginated_analysis_result_list import PaginatedAnalysisResultList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: AnalysesListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    version: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["page"] = page

    params["page_size"] = page_size

    params["study"] = study

    params["version"] = version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/analyses/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedAnalysisResultList | None:
    if response.status_code == 200:
        response_200 = PaginatedAnalysisResultList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedAnalysisResultList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: AnalysesListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    version: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedAnalysisResultList]:
    """Stored analysis results, every version (re-analysis never overwrites).

    Args:
        kind (AnalysesListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        version (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedAnalysisResultList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        page=page,
        page_size=page_size,
        study=study,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: AnalysesListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    version: int | Unset = UNSET,
) -> Any | Error | PaginatedAnalysisResultList | None:
    """Stored analysis results, every version (re-analysis never overwrites).

    Args:
        kind (AnalysesListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        version (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedAnalysisResultList
    """

    return sync_detailed(
        client=client,
        kind=kind,
        page=page,
        page_size=page_size,
        study=study,
        version=version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: AnalysesListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    version: int | Unset = UNSET,
) -> Response[Any | Error | PaginatedAnalysisResultList]:
    """Stored analysis results, every version (re-analysis never overwrites).

    Args:
        kind (AnalysesListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        version (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedAnalysisResultList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        page=page,
        page_size=page_size,
        study=study,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: AnalysesListKind | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    study: int | Unset = UNSET,
    version: int | Unset = UNSET,
) -> Any | Error | PaginatedAnalysisResultList | None:
    """Stored analysis results, every version (re-analysis never overwrites).

    Args:
        kind (AnalysesListKind | Unset):
        page (int | Unset):
        page_size (int | Unset):
        study (int | Unset):
        version (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedAnalysisResultList
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            page=page,
            page_size=page_size,
            study=study,
            version=version,
        )
    ).parsed
