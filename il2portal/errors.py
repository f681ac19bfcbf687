"""404/500 handlers: JSON in the API's error format under /api/, HTML pages elsewhere."""

from django.views import defaults

from il2portal.api.errors import json_error_response


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return json_error_response("not_found", "Not found in your labs.", 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return json_error_response(
            "server_error", "Something went wrong on our side; it has been logged.", 500
        )
    return defaults.server_error(request)
