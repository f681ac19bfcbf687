from django.urls import path

app_name = "assays"
urlpatterns: list = []
