from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "remedies"
