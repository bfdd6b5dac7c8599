from django.urls import path

from terms import api, feeds, views

app_name = "terms"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("terms/", views.TermIndexView.as_view(), name="index"),
    path("terms/<slug:slug>/", views.TermDetailView.as_view(), name="detail"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("preview/terms/<int:pk>/", views.TermPreviewView.as_view(), name="preview"),
    path("feeds/terms/rss/", feeds.LatestTermsFeed(), name="feed-rss"),
    path("feeds/terms/atom/", feeds.LatestTermsAtomFeed(), name="feed-atom"),
    path("api/terms/", api.term_list, name="api-list"),
    path("api/terms/<slug:slug>/", api.term_detail, name="api-detail"),
]
