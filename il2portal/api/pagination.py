from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``?page=`` and ``?page_size=`` (max 1000)."""

    page_size_query_param = "page_size"
    max_page_size = 1000


class WellPagination(Pagination):
    """A plate's values: one 1536-well read per page by default, at most 10,000 values per page."""

    page_size = 1536
    max_page_size = 10000
