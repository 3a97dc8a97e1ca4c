from django.urls import path

from conditions.checker import views as checker_views

app_name = "checker"

urlpatterns = [
    path("", checker_views.checker_step, name="start"),
    path("step/<slug:slug>/", checker_views.checker_step, name="step"),
    path("all/", checker_views.checker_form, name="form"),
    path("results/", checker_views.checker_results, name="results"),
]
