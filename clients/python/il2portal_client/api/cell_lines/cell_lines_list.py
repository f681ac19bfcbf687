from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cell_lines_list_readout import CellLinesListReadout
from ...models.error import Error
from ...models.paginated_cell_line_list import PaginatedCellLineList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cd25: bool | Unset = UNSET,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    readout: CellLinesListReadout | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cd25"] = cd25

    params["lab"] = lab

    params["page"] = page

    params["page_size"] = page_size

    json_readout: str | Unset = UNSET
    if not isinstance(readout, Unset):
        json_readout = readout.value

    params["readout"] = json_readout

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/cell-lines/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedCellLineList | None:
    if response.status_code == 200:
        response_200 = PaginatedCellLineList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedCellLineList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cd25: bool | Unset = UNSET,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    readout: CellLinesListReadout | Unset = UNSET,
) -> Response[Any | Error | PaginatedCellLineList]:
    """The lab's cells for bioassays, with their IL-2 receptor chains (CD25, CD122, CD132) and readout.

    Args:
        cd25 (bool | Unset):
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        readout (CellLinesListReadout | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedCellLineList]
    """

    kwargs = _get_kwargs(
        cd25=cd25,
        lab=lab,
        page=page,
        page_size=page_size,
        readout=readout,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cd25: bool | Unset = UNSET,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    readout: CellLinesListReadout | Unset = UNSET,
) -> Any | Error | PaginatedCellLineList | None:
    """The lab's cells for bioassays, with their IL-2 receptor chains (CD25, CD122, CD132) and readout.

    Args:
        cd25 (bool | Unset):
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        readout (CellLinesListReadout | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedCellLineList
    """

    return sync_detailed(
        client=client,
        cd25=cd25,
        lab=lab,
        page=page,
        page_size=page_size,
        readout=readout,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cd25: bool | Unset = UNSET,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    readout: CellLinesListReadout | Unset = UNSET,
) -> Response[Any | Error | PaginatedCellLineList]:
    """The lab's cells for bioassays, with their IL-2 receptor chains (CD25, CD122, CD132) and readout.

    Args:
        cd25 (bool | Unset):
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        readout (CellLinesListReadout | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedCellLineList]
    """

    kwargs = _get_kwargs(
        cd25=cd25,
        lab=lab,
        page=page,
        page_size=page_size,
        readout=readout,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cd25: bool | Unset = UNSET,
    lab: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    readout: CellLinesListReadout | Unset = UNSET,
) -> Any | Error | PaginatedCellLineList | None:
    """The lab's cells for bioassays, with their IL-2 receptor chains (CD25, CD122, CD132) and readout.

    Args:
        cd25 (bool | Unset):
        lab (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        readout (CellLinesListReadout | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedCellLineList
    """

    return (
        await asyncio_detailed(
            client=client,
            cd25=cd25,
            lab=lab,
            page=page,
            page_size=page_size,
            readout=readout,
        )
    ).parsed
