from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.study import Study
from ...models.study_request import StudyRequest
from ...types import Response


def _get_kwargs(
    *,
    body: StudyRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/studies/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Study | None:
    if response.status_code == 201:
        response_201 = Study.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Study]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StudyRequest,
) -> Response[Study]:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        body (StudyRequest): Base for lab-owned records: ``lab`` may be omitted when the caller
            has one lab,
            and every related record must belong to the same lab.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Study]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: StudyRequest,
) -> Study | None:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        body (StudyRequest): Base for lab-owned records: ``lab`` may be omitted when the caller
            has one lab,
            and every related record must belong to the same lab.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Study
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StudyRequest,
) -> Response[Study]:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        body (StudyRequest): Base for lab-owned records: ``lab`` may be omitted when the caller
            has one lab,
            and every related record must belong to the same lab.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Study]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: StudyRequest,
) -> Study | None:
    """Tumor studies. Groups, animals, measurements, events, randomisation and analyses of a study
    are read and written under ``/studies/{id}/…``.

    Args:
        body (StudyRequest): Base for lab-owned records: ``lab`` may be omitted when the caller
            has one lab,
            and every related record must belong to the same lab.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Study
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
