"""The plugin's job handler, API, dashboard panel and demo loader."""

from django.http import HttpResponse
from rest_framework import status, viewsets
from rest_framework.response import Response

from il2portal.dashboard import Panel


def count_job(job) -> dict:
    return {"counted": job.params["n"] + 1}


class ThingViewSet(viewsets.ViewSet):
    def list(self, request):
        return Response([])

    def create(self, request):
        return Response({"made": True}, status=status.HTTP_201_CREATED)


def register_api(router) -> None:
    router.register("plugin-things", ThingViewSet, basename="plugin-thing")


def panels(lab) -> list[Panel]:
    return [Panel("Plugin things", 42, "made up for the test", None)]


def load_demo(*, lab, user) -> list[str]:
    return [f"plugin demo for {lab.name}"]


def index(request):
    return HttpResponse("plugin page")
