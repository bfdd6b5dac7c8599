from django.urls import path

from terms import views

app_name = "terms"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("terms/", views.TermIndexView.as_view(), name="index"),
    path("terms/<slug:slug>/", views.TermDetailView.as_view(), name="detail"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/terms/<int:pk>/", views.TermPreviewView.as_view(), name="preview"),
]
