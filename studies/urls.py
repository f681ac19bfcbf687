from django.urls import path

from studies import views

app_name = "studies"
urlpatterns = [
    path("", views.study_list, name="list"),
    path("today/", views.today, name="today"),
    path("<int:pk>/", views.study_detail, name="detail"),
    path("<int:pk>/setup/", views.study_setup, name="setup"),
    path("<int:pk>/measure/", views.measure, name="measure"),
    path("<int:pk>/import/", views.measurement_import, name="import"),
    path("sheet-imports/<int:pk>/original/", views.sheet_import_original, name="sheet-import-original"),
    path("<int:pk>/randomise/", views.randomise, name="randomise"),
    path("<int:pk>/analyse/", views.study_analyse, name="analyse"),
    path("<int:pk>/status/", views.study_status, name="status"),
    path("<int:pk>/doses/", views.doses_given, name="doses"),
    path("<int:pk>/export.csv", views.export_csv, name="export-csv"),
    path("<int:pk>/audit/", views.study_audit, name="audit"),
    path("<int:pk>/audit.csv", views.study_audit, {"fmt": "csv"}, name="audit-csv"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("<int:pk>/report/", views.study_report, name="report"),
    path("<int:pk>/doses.csv", views.export_doses_csv, name="export-doses-csv"),
    path("<int:pk>/send.zip", views.export_send, name="export-send"),
    path("groups/<int:pk>/", views.arm_edit, name="arm"),
    path("animals/<int:pk>/", views.animal_detail, name="animal"),
    path("measurements/<int:pk>/correct/", views.measurement_correct, name="measurement-correct"),
    path("events/<int:pk>/delete/", views.event_remove, name="event-delete"),
    path("randomisations/<int:pk>/", views.randomisation_detail, name="randomisation"),
    path("analyses/<int:pk>.json", views.analysis_json, name="analysis-json"),
    path("<int:pk>/serum/", views.serum_samples, name="serum"),
    path("<int:pk>/exposure/", views.exposure, name="exposure"),
    path("<int:pk>/synergy/", views.synergy, name="synergy"),
    path("<int:pk>/immune/", views.immune, name="immune"),
    path("<int:pk>/review/", views.study_review, name="review"),
    path("flow-imports/<int:pk>/original/", views.flow_import_original, name="flow-import-original"),
]
