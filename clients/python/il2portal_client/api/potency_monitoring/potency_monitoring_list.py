import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.control_chart import ControlChart
from ...models.error import Error
from ...models.potency_monitoring_list_metric import PotencyMonitoringListMetric
from ...models.potency_monitoring_list_role import PotencyMonitoringListRole
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    analyst: str | Unset = UNSET,
    baseline: int | Unset = UNSET,
    cell_line: int | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    lot: str | Unset = UNSET,
    metric: PotencyMonitoringListMetric | Unset = UNSET,
    role: PotencyMonitoringListRole | Unset = UNSET,
    test_article: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["analyst"] = analyst

    params["baseline"] = baseline

    params["cell_line"] = cell_line

    json_date_from: str | Unset = UNSET
    if not isinstance(date_from, Unset):
        json_date_from = date_from.isoformat()
    params["date_from"] = json_date_from

    json_date_to: str | Unset = UNSET
    if not isinstance(date_to, Unset):
        json_date_to = date_to.isoformat()
    params["date_to"] = json_date_to

    params["lot"] = lot

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric.value

    params["metric"] = json_metric

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    params["test_article"] = test_article

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/potency-monitoring/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[ControlChart] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ControlChart.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Any | Error | list[ControlChart]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    analyst: str | Unset = UNSET,
    baseline: int | Unset = UNSET,
    cell_line: int | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    lot: str | Unset = UNSET,
    metric: PotencyMonitoringListMetric | Unset = UNSET,
    role: PotencyMonitoringListRole | Unset = UNSET,
    test_article: int,
) -> Response[Any | Error | list[ControlChart]]:
    """A Levey–Jennings control chart of one molecule's curves across runs (EC50, relative potency,
    Top, Bottom, Hill, Z′), with the Westgard flags of each run (1-2s warns; 1-3s, 2-2s, R-4s, 4-1s,
    10-x reject).

    Args:
        analyst (str | Unset):
        baseline (int | Unset):
        cell_line (int | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        lot (str | Unset):
        metric (PotencyMonitoringListMetric | Unset):
        role (PotencyMonitoringListRole | Unset):
        test_article (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[ControlChart]]
    """

    kwargs = _get_kwargs(
        analyst=analyst,
        baseline=baseline,
        cell_line=cell_line,
        date_from=date_from,
        date_to=date_to,
        lot=lot,
        metric=metric,
        role=role,
        test_article=test_article,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    analyst: str | Unset = UNSET,
    baseline: int | Unset = UNSET,
    cell_line: int | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    lot: str | Unset = UNSET,
    metric: PotencyMonitoringListMetric | Unset = UNSET,
    role: PotencyMonitoringListRole | Unset = UNSET,
    test_article: int,
) -> Any | Error | list[ControlChart] | None:
    """A Levey–Jennings control chart of one molecule's curves across runs (EC50, relative potency,
    Top, Bottom, Hill, Z′), with the Westgard flags of each run (1-2s warns; 1-3s, 2-2s, R-4s, 4-1s,
    10-x reject).

    Args:
        analyst (str | Unset):
        baseline (int | Unset):
        cell_line (int | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        lot (str | Unset):
        metric (PotencyMonitoringListMetric | Unset):
        role (PotencyMonitoringListRole | Unset):
        test_article (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[ControlChart]
    """

    return sync_detailed(
        client=client,
        analyst=analyst,
        baseline=baseline,
        cell_line=cell_line,
        date_from=date_from,
        date_to=date_to,
        lot=lot,
        metric=metric,
        role=role,
        test_article=test_article,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    analyst: str | Unset = UNSET,
    baseline: int | Unset = UNSET,
    cell_line: int | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    lot: str | Unset = UNSET,
    metric: PotencyMonitoringListMetric | Unset = UNSET,
    role: PotencyMonitoringListRole | Unset = UNSET,
    test_article: int,
) -> Response[Any | Error | list[ControlChart]]:
    """A Levey–Jennings control chart of one molecule's curves across runs (EC50, relative potency,
    Top, Bottom, Hill, Z′), with the Westgard flags of each run (1-2s warns; 1-3s, 2-2s, R-4s, 4-1s,
    10-x reject).

    Args:
        analyst (str | Unset):
        baseline (int | Unset):
        cell_line (int | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        lot (str | Unset):
        metric (PotencyMonitoringListMetric | Unset):
        role (PotencyMonitoringListRole | Unset):
        test_article (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[ControlChart]]
    """

    kwargs = _get_kwargs(
        analyst=analyst,
        baseline=baseline,
        cell_line=cell_line,
        date_from=date_from,
        date_to=date_to,
        lot=lot,
        metric=metric,
        role=role,
        test_article=test_article,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    analyst: str | Unset = UNSET,
    baseline: int | Unset = UNSET,
    cell_line: int | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    lot: str | Unset = UNSET,
    metric: PotencyMonitoringListMetric | Unset = UNSET,
    role: PotencyMonitoringListRole | Unset = UNSET,
    test_article: int,
) -> Any | Error | list[ControlChart] | None:
    """A Levey–Jennings control chart of one molecule's curves across runs (EC50, relative potency,
    Top, Bottom, Hill, Z′), with the Westgard flags of each run (1-2s warns; 1-3s, 2-2s, R-4s, 4-1s,
    10-x reject).

    Args:
        analyst (str | Unset):
        baseline (int | Unset):
        cell_line (int | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        lot (str | Unset):
        metric (PotencyMonitoringListMetric | Unset):
        role (PotencyMonitoringListRole | Unset):
        test_article (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[ControlChart]
    """

    return (
        await asyncio_detailed(
            client=client,
            analyst=analyst,
            baseline=baseline,
            cell_line=cell_line,
            date_from=date_from,
            date_to=date_to,
            lot=lot,
            metric=metric,
            role=role,
            test_article=test_article,
        )
    ).parsed
