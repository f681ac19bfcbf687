"""API routes of this app, registered on the shared v1 router."""

from studies.api import views


def register(router) -> None:
    router.register("studies", views.StudyViewSet, basename="study")
    router.register("groups", views.ArmViewSet, basename="group")
    router.register("animals", views.AnimalViewSet, basename="animal")
    router.register("measurements", views.MeasurementViewSet, basename="measurement")
    router.register("events", views.EventViewSet, basename="event")
    router.register("doses", views.DoseViewSet, basename="dose")
    router.register("randomisations", views.RandomisationViewSet, basename="randomisation")
    router.register("analyses", views.AnalysisViewSet, basename="analysis")
