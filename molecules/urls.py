from django.urls import path

from molecules import views

app_name = "molecules"
urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("selectivity/", views.selectivity, name="selectivity"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("cell-lines/", views.cell_lines, name="cell-lines"),
    path("lots/<int:pk>/release/", views.release_new, name="release-new"),
    path("releases/<int:pk>/", views.release_detail, name="release-detail"),
]
