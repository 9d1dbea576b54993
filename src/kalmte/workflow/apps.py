from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "kalmte.workflow"
    label = "workflow"
    verbose_name = "Conflictaanpak"
