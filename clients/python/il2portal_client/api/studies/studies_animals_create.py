from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.animal import Animal
from ...models.animal_request import AnimalRequest
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: AnimalRequest | list[AnimalRequest] | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/studies/{id}/animals/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if isinstance(body, AnimalRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = []
        for componentsschemas_animal_or_animals_request_type_1_item_data in body:
            componentsschemas_animal_or_animals_request_type_1_item = (
                componentsschemas_animal_or_animals_request_type_1_item_data.to_dict()
            )
            _kwargs["json"].append(componentsschemas_animal_or_animals_request_type_1_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Animal | list[Animal] | Any | Error | None:
    if response.status_code == 201:

        def _parse_response_201(data: object) -> Animal | list[Animal]:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_animal_or_animals_type_0 = Animal.from_dict(data)

                return componentsschemas_animal_or_animals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            componentsschemas_animal_or_animals_type_1 = []
            _componentsschemas_animal_or_animals_type_1 = data
            for componentsschemas_animal_or_animals_type_1_item_data in _componentsschemas_animal_or_animals_type_1:
                componentsschemas_animal_or_animals_type_1_item = Animal.from_dict(
                    componentsschemas_animal_or_animals_type_1_item_data
                )

                componentsschemas_animal_or_animals_type_1.append(componentsschemas_animal_or_animals_type_1_item)

            return componentsschemas_animal_or_animals_type_1

        response_201 = _parse_response_201(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = cast(Any, None)
        return response_414

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Animal | list[Animal] | Any | Error]:
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
    body: AnimalRequest | list[AnimalRequest] | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Animal | list[Animal] | Any | Error]:
    """One object or a list: `{tag, group, sex, cage, implanted_on}`; answers the animal for an object and
    the list of animals for a list; all or nothing; at most 1,000 animals per request.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AnimalRequest | list[AnimalRequest] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Animal | list[Animal] | Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: AnimalRequest | list[AnimalRequest] | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Animal | list[Animal] | Any | Error | None:
    """One object or a list: `{tag, group, sex, cage, implanted_on}`; answers the animal for an object and
    the list of animals for a list; all or nothing; at most 1,000 animals per request.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AnimalRequest | list[AnimalRequest] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Animal | list[Animal] | Any | Error
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: AnimalRequest | list[AnimalRequest] | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Animal | list[Animal] | Any | Error]:
    """One object or a list: `{tag, group, sex, cage, implanted_on}`; answers the animal for an object and
    the list of animals for a list; all or nothing; at most 1,000 animals per request.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AnimalRequest | list[AnimalRequest] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Animal | list[Animal] | Any | Error]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: AnimalRequest | list[AnimalRequest] | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Animal | list[Animal] | Any | Error | None:
    """One object or a list: `{tag, group, sex, cage, implanted_on}`; answers the animal for an object and
    the list of animals for a list; all or nothing; at most 1,000 animals per request.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AnimalRequest | list[AnimalRequest] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Animal | list[Animal] | Any | Error
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
