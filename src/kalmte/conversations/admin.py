from django.contrib import admin

from kalmte.conversations.models import CannedReply, Conversation, Customer, Event, Message, Note


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "phone", "shop", "created_at"]
    list_filter = ["shop"]
    search_fields = ["name", "email", "phone"]


class MessageInline(admin.TabularInline):
    model = Message
    fields = ["created_at", "author_kind", "kind", "agent", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["pk", "subject", "customer", "channel", "status", "owner", "updated_at"]
    list_filter = ["shop", "status", "channel"]
    inlines = [MessageInline]
    raw_id_fields = ["customer", "owner"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "verb", "actor", "conversation", "shop"]
    list_filter = ["shop", "verb"]
    readonly_fields = ["shop", "conversation", "actor", "verb", "data", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "register", "shop"]
    list_filter = ["shop", "register"]


admin.site.register(Note)
admin.site.site_header = "Kalmte beheer"
admin.site.site_title = "Kalmte"
