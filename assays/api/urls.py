"""API routes of the assays app, registered on the shared v1 router."""

from assays.api.fits import FitViewSet
from assays.api.plates import PlateImportViewSet, PlateViewSet
from assays.api.runs import CellLineViewSet, LayoutViewSet, RunViewSet


def register(router) -> None:
    router.register("plates", PlateViewSet, basename="plate")
    router.register("imports", PlateImportViewSet, basename="import")
    router.register("layouts", LayoutViewSet, basename="layout")
    router.register("runs", RunViewSet, basename="run")
    router.register("fits", FitViewSet, basename="fit")
    router.register("cell-lines", CellLineViewSet, basename="cellline")
