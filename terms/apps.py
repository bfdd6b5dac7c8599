from django.apps import AppConfig


class TermsConfig(AppConfig):
    name = "terms"
    verbose_name = "Glossary"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from glossary_site import page_cache
        from terms import versioning
        from terms.models import Category, Publication

        versioning.register()

        # Reader pages are stored until something they show changes (glossary_site/page_cache).
        # Publishing and taking down say so themselves (terms.publishing); these cover the
        # rest: categories, tags, and publications deleted with their term.
        page_cache.schedule(Publication.objects.next_change)
        for model, signals in (
            (Category, (post_save, post_delete)),
            (Tag, (post_save, post_delete)),
            (Publication, (post_delete,)),
        ):
            for signal in signals:
                signal.connect(
                    _content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}"
                )


def _content_changed(**kwargs):
    from glossary_site import page_cache

    page_cache.content_changed()
