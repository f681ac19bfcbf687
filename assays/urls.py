
app_name = "assays"
urlpatterns: list = []
