from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.paginated_lot_release_list import PaginatedLotReleaseList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lab: int | Unset = UNSET,
    lot: int | Unset = UNSET,
    lot_test_article: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    passed: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lab"] = lab

    params["lot"] = lot

    params["lot__test_article"] = lot_test_article

    params["page"] = page

    params["page_size"] = page_size

    params["passed"] = passed

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/lot-releases/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | PaginatedLotReleaseList | None:
    if response.status_code == 200:
        response_200 = PaginatedLotReleaseList.from_dict(response.json())

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
) -> Response[Any | Error | PaginatedLotReleaseList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    lot: int | Unset = UNSET,
    lot_test_article: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    passed: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedLotReleaseList]:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        lab (int | Unset):
        lot (int | Unset):
        lot_test_article (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        passed (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedLotReleaseList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        lot=lot,
        lot_test_article=lot_test_article,
        page=page,
        page_size=page_size,
        passed=passed,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    lot: int | Unset = UNSET,
    lot_test_article: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    passed: bool | Unset = UNSET,
) -> Any | Error | PaginatedLotReleaseList | None:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        lab (int | Unset):
        lot (int | Unset):
        lot_test_article (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        passed (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedLotReleaseList
    """

    return sync_detailed(
        client=client,
        lab=lab,
        lot=lot,
        lot_test_article=lot_test_article,
        page=page,
        page_size=page_size,
        passed=passed,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    lot: int | Unset = UNSET,
    lot_test_article: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    passed: bool | Unset = UNSET,
) -> Response[Any | Error | PaginatedLotReleaseList]:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        lab (int | Unset):
        lot (int | Unset):
        lot_test_article (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        passed (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | PaginatedLotReleaseList]
    """

    kwargs = _get_kwargs(
        lab=lab,
        lot=lot,
        lot_test_article=lot_test_article,
        page=page,
        page_size=page_size,
        passed=passed,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    lot: int | Unset = UNSET,
    lot_test_article: int | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    passed: bool | Unset = UNSET,
) -> Any | Error | PaginatedLotReleaseList | None:
    """A lot's reportable relative potency from independent runs (Ph. Eur. 5.3 §6, USP <1034>), judged
    against the test article's release specification. Creating one stores a new version; none is
    overwritten. Runs that failed system suitability are listed with the reason and left out.

    Args:
        lab (int | Unset):
        lot (int | Unset):
        lot_test_article (int | Unset):
        page (int | Unset):
        page_size (int | Unset):
        passed (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | PaginatedLotReleaseList
    """

    return (
        await asyncio_detailed(
            client=client,
            lab=lab,
            lot=lot,
            lot_test_article=lot_test_article,
            page=page,
            page_size=page_size,
            passed=passed,
        )
    ).parsed
