from django.urls import path

from subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("newsletter/", views.signup, name="signup"),
]
