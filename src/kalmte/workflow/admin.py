from django.contrib import admin

from kalmte.workflow.models import (
    Alert,
    Callback,
    CustomerBlock,
    CustomerRecord,
    WorkflowSettings,
)


@admin.register(CustomerBlock)
class CustomerBlockAdmin(admin.ModelAdmin):
    list_display = ["customer", "reason", "until", "created_by", "lifted_at"]
    list_filter = ["reason"]
    readonly_fields = ["created_at", "lifted_at", "lifted_by"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "text", "recipient", "read_at"]
    list_filter = ["kind"]


@admin.register(Callback)
class CallbackAdmin(admin.ModelAdmin):
    list_display = ["scheduled_at", "agent", "conversation", "status"]
    list_filter = ["status"]


admin.site.register(CustomerRecord)
admin.site.register(WorkflowSettings)
