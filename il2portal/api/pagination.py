from django.core.paginator import InvalidPage
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``?page=`` and ``?page_size=`` (max 1000).

    A ``page_size`` that is not a whole number from 1 is refused (400 naming it) instead of being
    silently replaced by the default, as DRF does; one above the maximum is capped, as DRF does.
    A ``page`` that is not a whole number from 1 (or ``last``) is a 400 ``invalid_page``, one past the
    end a 404 ``invalid_page`` with the last page in ``detail`` (DRF says "Invalid page", which the API's
    404 would turn into "Not found in your labs")."""

    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    "A page number from 1 (a page past the end is a 404 `invalid_page`)."
                )
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = (
                    f"Results per page, 1 to {self.max_page_size:,} (default {self.page_size:,})."
                )
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        from il2portal.api.errors import ApiError  # errors imports DRF, whose settings import this module

        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        value = request.query_params.get(self.page_query_param) or "1"
        if value not in self.last_page_strings and (not value.isdigit() or int(value) < 1):
            raise ApiError(
                "invalid_page",
                f"page: give a whole number from 1 (or 'last'), not {value[:50]!r}.",
                detail={"page": [f"{value[:50]!r} is not a page number."]},
            )
        paginator = self.django_paginator_class(queryset, page_size)
        number = paginator.num_pages if value in self.last_page_strings else int(value)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            last = paginator.num_pages
            raise ApiError(
                "invalid_page",
                f"There is no page {number}: the list has {paginator.count:,} results, {page_size:,} per "
                f"page, so its last page is {last}.",
                status_code=404,
                detail={"page": number, "last_page": last, "count": paginator.count},
            ) from None
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        return list(self.page)

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if values:
            if len(values) > 1 or not values[0].isdigit() or int(values[0]) < 1:
                raise ValidationError(
                    {
                        self.page_size_query_param: [
                            f"page_size: give one whole number from 1 to {self.max_page_size}."
                        ]
                    }
                )
        return super().get_page_size(request)


class WellPagination(Pagination):
    """A plate's values: one 1536-well read per page by default, at most 10,000 values per page."""

    page_size = 1536
    max_page_size = 10000
