from django.urls import path

from tests.core.plugin_app.parts import index

app_name = "plugin_app"
urlpatterns = [path("", index, name="index")]
