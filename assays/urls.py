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
]
