"""API routes of the assays app, registered on the shared v1 router."""

from assays.api.fits import FitViewSet


def register(router) -> None:
    router.register("fits", FitViewSet, basename="fit")
