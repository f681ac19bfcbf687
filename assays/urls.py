from django.urls import path

from assays import views

app_name = "assays"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("plates/", views.plate_list, name="plate-list"),
    path("plates/<int:pk>/", views.plate_detail, name="plate-detail"),
    path("plates/<int:pk>/original/", views.plate_original, name="plate-original"),
    path("plates/<int:pk>/long.csv", views.plate_csv, name="plate-csv"),
    path("imports/", views.import_list, name="import-list"),
    path("layouts/", views.layout_list, name="layout-list"),
    path("layouts/new/", views.layout_new, name="layout-new"),
    path("layouts/<int:pk>/", views.layout_detail, name="layout-detail"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/new/", views.run_new, name="run-new"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/results.<str:fmt>", views.run_export, name="run-export"),
    path("runs/<int:pk>/audit/", views.run_audit, name="run-audit"),
    path("runs/<int:pk>/audit.csv", views.run_audit, {"fmt": "csv"}, name="run-audit-csv"),
    path("time-courses/", views.time_course_query, name="time-courses"),
    path("time-courses/<path:series>/", views.time_course, name="time-course"),
]
