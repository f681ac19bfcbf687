"""API routes of this app, registered on the shared v1 router."""


def register(router) -> None:
    pass
