from django.urls import path

from remedies import views

app_name = "remedies"

urlpatterns = [
    path("", views.remedy_list, name="list"),
    path("<slug:slug>/", views.RemedyDetailView.as_view(), name="detail"),
]
