from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.selectivity_pair import SelectivityPair
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lab: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lab"] = lab

    params["test_article"] = test_article

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/selectivity/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | list[SelectivityPair] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = SelectivityPair.from_dict(response_200_item_data)

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
) -> Response[Any | Error | list[SelectivityPair]]:
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
    test_article: int | Unset = UNSET,
) -> Response[Any | Error | list[SelectivityPair]]:
    """Each molecule's EC50 on CD25⁺ and CD25⁻ cells of the same day, the ratio CD25⁻/CD25⁺ and the fold
    loss of CD25 dependence against wild-type IL-2 measured alongside, with 95 % CIs. Runs are paired
    when a CD25⁺ and a CD25⁻ bioassay run (cells named on the run) are dated the same day.

    Args:
        lab (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[SelectivityPair]]
    """

    kwargs = _get_kwargs(
        lab=lab,
        test_article=test_article,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Any | Error | list[SelectivityPair] | None:
    """Each molecule's EC50 on CD25⁺ and CD25⁻ cells of the same day, the ratio CD25⁻/CD25⁺ and the fold
    loss of CD25 dependence against wild-type IL-2 measured alongside, with 95 % CIs. Runs are paired
    when a CD25⁺ and a CD25⁻ bioassay run (cells named on the run) are dated the same day.

    Args:
        lab (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[SelectivityPair]
    """

    return sync_detailed(
        client=client,
        lab=lab,
        test_article=test_article,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Response[Any | Error | list[SelectivityPair]]:
    """Each molecule's EC50 on CD25⁺ and CD25⁻ cells of the same day, the ratio CD25⁻/CD25⁺ and the fold
    loss of CD25 dependence against wild-type IL-2 measured alongside, with 95 % CIs. Runs are paired
    when a CD25⁺ and a CD25⁻ bioassay run (cells named on the run) are dated the same day.

    Args:
        lab (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | list[SelectivityPair]]
    """

    kwargs = _get_kwargs(
        lab=lab,
        test_article=test_article,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lab: int | Unset = UNSET,
    test_article: int | Unset = UNSET,
) -> Any | Error | list[SelectivityPair] | None:
    """Each molecule's EC50 on CD25⁺ and CD25⁻ cells of the same day, the ratio CD25⁻/CD25⁺ and the fold
    loss of CD25 dependence against wild-type IL-2 measured alongside, with 95 % CIs. Runs are paired
    when a CD25⁺ and a CD25⁻ bioassay run (cells named on the run) are dated the same day.

    Args:
        lab (int | Unset):
        test_article (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | list[SelectivityPair]
    """

    return (
        await asyncio_detailed(
            client=client,
            lab=lab,
            test_article=test_article,
        )
    ).parsed
