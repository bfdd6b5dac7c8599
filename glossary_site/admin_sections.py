"""Other apps' sections of the admin, named for the people who use them.

The admin lists each app under its ``verbose_name`` ("Taggit", "Tasks Database Backend");
these app configs replace the apps' own in ``INSTALLED_APPS`` with the same labels, so nothing
else changes (tables, permissions, URLs).
"""

from django.contrib.auth.apps import AuthConfig
from django_tasks_db.apps import TasksAppConfig
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"


class UsersConfig(AuthConfig):
    verbose_name = "Users and roles"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Background tasks"
