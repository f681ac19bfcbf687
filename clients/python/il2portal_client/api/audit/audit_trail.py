from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_trail import AuditTrail
from ...models.error import Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    id: int | Unset = UNSET,
    lab: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    record: str | Unset = UNSET,
    run: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["before"] = before

    params["id"] = id

    params["lab"] = lab

    params["page_size"] = page_size

    params["record"] = record

    params["run"] = run

    params["study"] = study

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/audit/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | AuditTrail | Error | None:
    if response.status_code == 200:
        response_200 = AuditTrail.from_dict(response.json())

        return response_200

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

    if response.status_code == 414:
        response_414 = cast(Any, None)
        return response_414

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | AuditTrail | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    id: int | Unset = UNSET,
    lab: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    record: str | Unset = UNSET,
    run: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Response[Any | AuditTrail | Error]:
    """The audit trail of a record, a run, a study or the lab (JSON pages or CSV)

     Who changed what, when, from which value to which, and why: the trail the portal's audit pages show
    and export. Choose at most one of `record` + `id`, `run`, `study` (another lab's record is a 404),
    or none for the whole lab; narrow with `after` and `before`. Newest first; follow `next`. With
    `?format=csv` (DRF's answer-format switch, as `?format=json`) or `Accept: text/csv`: every row at
    once, streamed, as the export pages' CSV (times in the lab's time zone, spreadsheet-safe). A name or
    id that is not one, or a bad date, is a 400 naming the parameter. Personal tokens and the browser
    session only: instrument tokens get 403.

    Args:
        after (str | Unset):
        before (str | Unset):
        id (int | Unset):
        lab (int | Unset):
        page_size (int | Unset):
        record (str | Unset):
        run (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuditTrail | Error]
    """

    kwargs = _get_kwargs(
        after=after,
        before=before,
        id=id,
        lab=lab,
        page_size=page_size,
        record=record,
        run=run,
        study=study,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    id: int | Unset = UNSET,
    lab: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    record: str | Unset = UNSET,
    run: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Any | AuditTrail | Error | None:
    """The audit trail of a record, a run, a study or the lab (JSON pages or CSV)

     Who changed what, when, from which value to which, and why: the trail the portal's audit pages show
    and export. Choose at most one of `record` + `id`, `run`, `study` (another lab's record is a 404),
    or none for the whole lab; narrow with `after` and `before`. Newest first; follow `next`. With
    `?format=csv` (DRF's answer-format switch, as `?format=json`) or `Accept: text/csv`: every row at
    once, streamed, as the export pages' CSV (times in the lab's time zone, spreadsheet-safe). A name or
    id that is not one, or a bad date, is a 400 naming the parameter. Personal tokens and the browser
    session only: instrument tokens get 403.

    Args:
        after (str | Unset):
        before (str | Unset):
        id (int | Unset):
        lab (int | Unset):
        page_size (int | Unset):
        record (str | Unset):
        run (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuditTrail | Error
    """

    return sync_detailed(
        client=client,
        after=after,
        before=before,
        id=id,
        lab=lab,
        page_size=page_size,
        record=record,
        run=run,
        study=study,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    id: int | Unset = UNSET,
    lab: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    record: str | Unset = UNSET,
    run: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Response[Any | AuditTrail | Error]:
    """The audit trail of a record, a run, a study or the lab (JSON pages or CSV)

     Who changed what, when, from which value to which, and why: the trail the portal's audit pages show
    and export. Choose at most one of `record` + `id`, `run`, `study` (another lab's record is a 404),
    or none for the whole lab; narrow with `after` and `before`. Newest first; follow `next`. With
    `?format=csv` (DRF's answer-format switch, as `?format=json`) or `Accept: text/csv`: every row at
    once, streamed, as the export pages' CSV (times in the lab's time zone, spreadsheet-safe). A name or
    id that is not one, or a bad date, is a 400 naming the parameter. Personal tokens and the browser
    session only: instrument tokens get 403.

    Args:
        after (str | Unset):
        before (str | Unset):
        id (int | Unset):
        lab (int | Unset):
        page_size (int | Unset):
        record (str | Unset):
        run (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuditTrail | Error]
    """

    kwargs = _get_kwargs(
        after=after,
        before=before,
        id=id,
        lab=lab,
        page_size=page_size,
        record=record,
        run=run,
        study=study,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    id: int | Unset = UNSET,
    lab: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    record: str | Unset = UNSET,
    run: int | Unset = UNSET,
    study: int | Unset = UNSET,
) -> Any | AuditTrail | Error | None:
    """The audit trail of a record, a run, a study or the lab (JSON pages or CSV)

     Who changed what, when, from which value to which, and why: the trail the portal's audit pages show
    and export. Choose at most one of `record` + `id`, `run`, `study` (another lab's record is a 404),
    or none for the whole lab; narrow with `after` and `before`. Newest first; follow `next`. With
    `?format=csv` (DRF's answer-format switch, as `?format=json`) or `Accept: text/csv`: every row at
    once, streamed, as the export pages' CSV (times in the lab's time zone, spreadsheet-safe). A name or
    id that is not one, or a bad date, is a 400 naming the parameter. Personal tokens and the browser
    session only: instrument tokens get 403.

    Args:
        after (str | Unset):
        before (str | Unset):
        id (int | Unset):
        lab (int | Unset):
        page_size (int | Unset):
        record (str | Unset):
        run (int | Unset):
        study (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuditTrail | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            before=before,
            id=id,
            lab=lab,
            page_size=page_size,
            record=record,
            run=run,
            study=study,
        )
    ).parsed
