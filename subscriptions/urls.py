from django.urls import path

from glossary_site.page_cache import reader_page
from subscriptions import archive, feeds, views

app_name = "subscriptions"

urlpatterns = [
    path("newsletter/", views.signup, name="signup"),
    path("newsletter/check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # The archive: reader pages, made once and served from the page cache.
    path("newsletter/issues/", reader_page(archive.IssueListView.as_view()), name="issues"),
    path("feeds/newsletter/rss/", reader_page(feeds.IssuesFeed()), name="issues-rss"),
    path("feeds/newsletter/atom/", reader_page(feeds.IssuesAtomFeed()), name="issues-atom"),
    path(
        "newsletter/issues/<slug:slug>/",
        reader_page(archive.IssueDetailView.as_view()),
        name="issue",
    ),
]
