from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "kalmte.coaching"
    label = "coaching"
    verbose_name = "Antwoordcoach"
