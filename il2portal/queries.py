"""Query helpers shared by the apps' list pages."""

from __future__ import annotations

from django.db.models import IntegerField, QuerySet, Subquery


class _CountSubquery(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of a correlated ``queryset`` (one filtered on ``OuterRef``), as an annotation.

    Two ``Count()`` annotations over two joins multiply each other's rows before counting (a layout with
    96 wells and 3,000 runs is read as 288,000 rows, and needs ``distinct``); one subquery per count
    reads each table once per listed row, through its foreign-key index."""
    return _CountSubquery(queryset.order_by().values("pk"))
