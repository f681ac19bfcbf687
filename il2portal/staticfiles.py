"""Serve plotly.js from the installed plotly package, so pages never need a CDN."""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_DIR = Path(plotly.__file__).resolve().parent / "package_data"
PLOTLY_STATIC_PATH = "vendor/plotly.min.js"


class PlotlyFinder(BaseFinder):
    """Finds ``vendor/plotly.min.js`` in plotly's package data (and nothing else there)."""

    storage = FileSystemStorage(location=str(PLOTLY_DIR), base_url="/static/vendor/")

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        find_all = kwargs.get("all", find_all)
        if path == PLOTLY_STATIC_PATH:
            match = str(PLOTLY_DIR / "plotly.min.js")
            return [match] if find_all else match
        # A miss is [] whatever find_all says, as Django's own finders answer: django.contrib.staticfiles
        # .finders.find() wraps any other falsy value in a list, so None became [None] -- a "match" that
        # whitenoise then tried to open (a 500 for every missing static file in development).
        return []

    def list(self, ignore_patterns):
        yield "plotly.min.js", _PrefixedStorage(self.storage)


class _PrefixedStorage(FileSystemStorage):
    def __init__(self, inner: FileSystemStorage):
        super().__init__(location=inner.location, base_url=inner.base_url)
        self.prefix = "vendor"
