from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Newsletter"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from subscriptions.call_to_action import copy_changed
        from subscriptions.models import SignupCopy

        # A category's own pitch is the glossary's data: saving a category already makes
        # pages fresh (terms.apps).
        for model in (SignupCopy,):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    copy_changed,
                    sender=model,
                    dispatch_uid=f"newsletter-copy-{model.__name__}-{name}",
                )

        # Hard bounces and complaints from the email provider's webhooks (django-anymail).
        from anymail.signals import tracking

        from subscriptions.suppressions import record_tracking_event

        tracking.connect(record_tracking_event, dispatch_uid="newsletter-suppressions")
