from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``?page=`` and ``?page_size=`` (max 1000).

    A ``page_size`` that is not a whole number from 1 is refused (400 naming it) instead of being
    silently replaced by the default, as DRF does; one above the maximum is capped, as DRF does."""

    page_size_query_param = "page_size"
    max_page_size = 1000

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
