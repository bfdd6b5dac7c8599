from django.apps import AppConfig


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = "Glossary"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from glossary_site import page_cache
        from terms import versioning
        from terms.models import Category, Publication, Transition

        versioning.register()

        # Reader pages are stored until something they show changes (glossary_site/page_cache).
        # Publishing and taking down say so themselves (terms.publishing); these cover the
        # rest: categories, tags, and publications deleted with their term.
        page_cache.schedule(Publication.objects.next_change)
        for signal in (post_save, post_delete):
            signal.connect(
                _category_changed, sender=Category, dispatch_uid=f"pages-category-{signal}"
            )
            signal.connect(_content_changed, sender=Tag, dispatch_uid=f"pages-tag-{signal}")
        post_delete.connect(_content_changed, sender=Publication, dispatch_uid="pages-publication")
        # Workflow emails (terms.notifications): rows written with the transition, in its
        # transaction; sent by the task worker once it commits.
        post_save.connect(_transition_recorded, sender=Transition, dispatch_uid="notify-transition")


def _content_changed(**kwargs):
    from glossary_site import page_cache

    page_cache.content_changed()


def _category_changed(instance, **kwargs):
    from terms import affected_pages

    affected_pages.category_changed(instance)


def _transition_recorded(instance, created, raw=False, **kwargs):
    if created and not raw:
        from terms import notifications

        notifications.transition_recorded(instance)
