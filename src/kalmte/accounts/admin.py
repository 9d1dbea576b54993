from django.contrib import admin

from kalmte.accounts.models import Agent, ApiToken


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "shop", "role", "is_available"]
    list_filter = ["shop", "role"]
    search_fields = ["display_name", "user__username", "user__email"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "agent", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["agent", "name", "prefix", "created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            token, raw = ApiToken.issue(obj.agent, obj.name)
            obj.pk = token.pk
            self.message_user(request, f"Nieuw token (wordt maar één keer getoond): {raw}")
            return
        super().save_model(request, obj, form, change)
