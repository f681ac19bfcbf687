from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.run_version import RunVersion
from ...models.runs_versions_list_kind import RunsVersionsListKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    kind: RunsVersionsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["lab"] = lab

    params["layout"] = layout

    params["series"] = series

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/runs/{id}/versions/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> list[RunVersion] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = RunVersion.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[list[RunVersion]]:
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
    kind: RunsVersionsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Response[list[RunVersion]]:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        id (int):
        kind (RunsVersionsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[RunVersion]]
    """

    kwargs = _get_kwargs(
        id=id,
        kind=kind,
        lab=lab,
        layout=layout,
        series=series,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    kind: RunsVersionsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> list[RunVersion] | None:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        id (int):
        kind (RunsVersionsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[RunVersion]
    """

    return sync_detailed(
        id=id,
        client=client,
        kind=kind,
        lab=lab,
        layout=layout,
        series=series,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    kind: RunsVersionsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> Response[list[RunVersion]]:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        id (int):
        kind (RunsVersionsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[RunVersion]]
    """

    kwargs = _get_kwargs(
        id=id,
        kind=kind,
        lab=lab,
        layout=layout,
        series=series,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    kind: RunsVersionsListKind | Unset = UNSET,
    lab: int | Unset = UNSET,
    layout: int | Unset = UNSET,
    series: str | Unset = UNSET,
) -> list[RunVersion] | None:
    """ELISA and reporter-bioassay runs. Creating one answers 202 with the analysis job.

    Args:
        id (int):
        kind (RunsVersionsListKind | Unset):
        lab (int | Unset):
        layout (int | Unset):
        series (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[RunVersion]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            kind=kind,
            lab=lab,
            layout=layout,
            series=series,
        )
    ).parsed
