"""Development-only logins for trying the workflow: a writer and an editor.

The passwords are published in the README, so this refuses to run unless DEBUG is on.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

DEMO_USERS = {
    # username: (group, password)
    "writer": ("Writer", "writer-demo-password"),
    "editor": ("Editor", "editor-demo-password"),
}


def load_demo_users() -> list[str]:
    """Create or reset the demo writer and editor. Returns what was done, one line each."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users have published passwords: DEBUG only.")
    User = get_user_model()
    done = []
    for username, (group_name, password) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.is_staff = True
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        done.append(f"{'created' if created else 'reset'} {username} ({group_name})")
    return done
