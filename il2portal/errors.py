"""404/500 handlers: JSON in the API's error format under /api/, HTML pages elsewhere."""

from django.views import defaults

from il2portal.api.errors import json_error_response


def api_path_not_found(request):
    return json_error_response(
        "not_found",
        f"There is no API endpoint at {request.path[:200]}; the endpoints are listed at /api/v1/docs/ "
        "(schema at /api/v1/schema/).",
        404,
    )


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        if getattr(request, "resolver_match", None) is None:
            return api_path_not_found(request)
        return json_error_response("not_found", "Not found in your labs.", 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return json_error_response(
            "server_error", "Something went wrong on our side; it has been logged.", 500
        )
    return defaults.server_error(request)


class ApiNotFoundMiddleware:
    """An /api/ path that matches no endpoint answers the API's JSON 404, also with DEBUG on (where
    Django would show its HTML debug page instead of calling ``handler404``). Sits outside
    CommonMiddleware, so ``/api/v1/plates`` is still redirected to ``/api/v1/plates/``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and getattr(request, "resolver_match", None) is None
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return api_path_not_found(request)
        return response
