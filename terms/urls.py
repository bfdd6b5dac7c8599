from django.urls import path

from glossary_site.page_cache import reader_page
from terms import api, feeds, openapi, views

app_name = "terms"

# reader_page: the same for every anonymous reader, so made once and served many times.

urlpatterns = [
    path("", reader_page(views.HomeView.as_view()), name="home"),
    path("terms/", reader_page(views.TermIndexView.as_view()), name="index"),
    path("terms/<slug:slug>/", reader_page(views.TermDetailView.as_view()), name="detail"),
    path(
        "categories/<slug:slug>/", reader_page(views.CategoryDetailView.as_view()), name="category"
    ),
    path("tags/<str:slug>/", reader_page(views.TagDetailView.as_view()), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("search/opened/", views.search_opened, name="search-opened"),
    path("preview/terms/<int:pk>/", views.TermPreviewView.as_view(), name="preview"),
    path("feeds/terms/rss/", reader_page(feeds.LatestTermsFeed()), name="feed-rss"),
    path("feeds/terms/atom/", reader_page(feeds.LatestTermsAtomFeed()), name="feed-atom"),
    path("api/openapi.json", reader_page(openapi.openapi_json), name="api-openapi"),
    path("api/terms/", reader_page(api.term_list), name="api-list"),
    path("api/terms/<slug:slug>/", reader_page(api.term_detail), name="api-detail"),
]
