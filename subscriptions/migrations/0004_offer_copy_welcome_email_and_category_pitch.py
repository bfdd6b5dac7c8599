"""The newsletter's offer and all its copy in one editable row; the welcome email; each
category's own line moves to the category (``Category.newsletter_pitch``), where the glossary
keeps it.

The starting copy said "one AI term a week"; a row still holding that wording gets the new
defaults (the offer the page makes: the 5 AI stories that matter, free, every Friday). Copy an
editor wrote is kept.
"""

from django.db import migrations, models

OLD_DEFAULT = {
    "headline": "Get one clear AI term in your inbox every week",
    "line": "A short, plain-English explainer each week. No hype, no spam; leave in one click.",
}
NEW_DEFAULT = {
    "headline": "Get {offer}",
    "line": (
        "What happened, why it matters and the terms behind each story, in plain English. "
        "No hype; leave in one click."
    ),
}
PITCH_LENGTH = 200


def replace_the_old_default_copy(apps, schema_editor):
    SignupCopy = apps.get_model("subscriptions", "SignupCopy")
    for field, old in OLD_DEFAULT.items():
        SignupCopy.objects.filter(**{field: old}).update(**{field: NEW_DEFAULT[field]})


def move_category_lines_to_categories(apps, schema_editor):
    CategorySignupLine = apps.get_model("subscriptions", "CategorySignupLine")
    Category = apps.get_model("terms", "Category")
    for line in CategorySignupLine.objects.all():
        Category.objects.filter(pk=line.category_id, newsletter_pitch="").update(
            newsletter_pitch=line.line.strip()[:PITCH_LENGTH]
        )


def move_pitches_back(apps, schema_editor):
    CategorySignupLine = apps.get_model("subscriptions", "CategorySignupLine")
    SignupCopy = apps.get_model("subscriptions", "SignupCopy")
    Category = apps.get_model("terms", "Category")
    SignupCopy.objects.get_or_create(pk=1)
    for category in Category.objects.exclude(newsletter_pitch=""):
        CategorySignupLine.objects.update_or_create(
            category_id=category.pk, defaults={"copy_id": 1, "line": category.newsletter_pitch}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0003_subscriber_states_in_the_database"),
        ("terms", "0018_category_newsletter_pitch"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="signupcopy",
            options={
                "verbose_name": "newsletter offer and copy",
                "verbose_name_plural": "newsletter offer and copy",
            },
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="category_pitch",
            field=models.CharField(
                default="We cover {category} {often}.",
                help_text="On category pages and term pages, for categories without a pitch of their own; {category} is the category's name as it reads in a sentence. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=160,
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="closing_headline",
            field=models.CharField(
                default="Know the terms. Know the moves.",
                help_text="The second box, at the end of a term page. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=120,
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="closing_line",
            field=models.CharField(
                default="Get {what} {when}, explained plainly. Free forever. No spam.",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=240,
                verbose_name="closing sub-line",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="confirm_intro",
            field=models.TextField(
                default="Someone (we hope it was you) asked for {name} at this address: {offer}.",
                help_text="Before the confirm button; the link, its expiry and the unsubscribe link follow. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=2000,
                verbose_name="confirmation email opening",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="confirm_subject",
            field=models.CharField(
                default="Confirm your subscription to {name}",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=150,
                verbose_name="confirmation email subject",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="consent",
            field=models.CharField(
                default="{name}: one email {when}. We’ll email you a link to confirm first, and every email has a one-click unsubscribe link.",
                help_text="Under every form, and stored with each signup. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=300,
                verbose_name="consent line",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="day",
            field=models.CharField(
                blank=True,
                choices=[
                    ("monday", "Monday"),
                    ("tuesday", "Tuesday"),
                    ("wednesday", "Wednesday"),
                    ("thursday", "Thursday"),
                    ("friday", "Friday"),
                    ("saturday", "Saturday"),
                    ("sunday", "Sunday"),
                ],
                default="friday",
                help_text="Blank for no set day. With “Weekly” and Friday, {when} reads “every Friday”.",
                max_length=9,
                verbose_name="which day",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="frequency",
            field=models.CharField(
                choices=[
                    ("daily", "Daily"),
                    ("weekly", "Weekly"),
                    ("fortnightly", "Every two weeks"),
                    ("monthly", "Monthly"),
                ],
                default="weekly",
                max_length=12,
                verbose_name="how often",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="is_free",
            field=models.BooleanField(
                default=True,
                help_text="{offer} then says “free”: “the 5 AI stories that matter — free, every Friday”.",
                verbose_name="free",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="name",
            field=models.CharField(
                default="The AI Brief",
                help_text="Its {name}.",
                max_length=80,
                verbose_name="newsletter name",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="page_heading",
            field=models.CharField(
                default="{name}: {what}, {when}",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=160,
                verbose_name="page heading",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="page_lead",
            field=models.CharField(
                default="Each story comes with a short, plain-English explainer and links to the glossary terms behind it. We ask you to confirm your address, and every email has a one-click unsubscribe link.",
                help_text="Also the page's description for search engines. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=600,
                verbose_name="page introduction",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="welcome_body",
            field=models.TextField(
                default="Thanks for confirming your address. From now on you’ll get {what} {when}: what happened, why it matters and the terms behind each story, in plain English.\n\nUntil the next one arrives, the glossary is there whenever a term puzzles you.\n\nIf you ever want to stop, every email has a one-click unsubscribe link at the bottom.",
                help_text="Paragraphs separated by a blank line; plain text. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=5000,
                verbose_name="welcome email text",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="welcome_email_enabled",
            field=models.BooleanField(
                default=True,
                help_text="Sent once, right after an address is confirmed.",
                verbose_name="send a welcome email",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="welcome_heading",
            field=models.CharField(
                default="Welcome to {name}",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=120,
                verbose_name="welcome page heading",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="welcome_message",
            field=models.CharField(
                default="Your address is confirmed. You’ll get {what} {when}, and every email has a one-click unsubscribe link.",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=500,
                verbose_name="welcome page message",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="welcome_subject",
            field=models.CharField(
                default="Welcome to {name}",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=150,
                verbose_name="welcome email subject",
            ),
        ),
        migrations.AddField(
            model_name="signupcopy",
            name="what",
            field=models.CharField(
                default="the 5 AI stories that matter",
                help_text="Its {what}, as it reads after “Get”: “the 5 AI stories that matter”.",
                max_length=120,
                verbose_name="what it brings",
            ),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="welcome_requested_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a welcome email became owed (at confirmation).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="subscriber",
            name="welcome_sent_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the welcome email was handed to the mail server.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="signupcopy",
            name="button_label",
            field=models.CharField(default="Subscribe", max_length=40),
        ),
        migrations.AlterField(
            model_name="signupcopy",
            name="headline",
            field=models.CharField(
                default="Get {offer}",
                help_text="May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=120,
            ),
        ),
        migrations.AlterField(
            model_name="signupcopy",
            name="line",
            field=models.CharField(
                default="What happened, why it matters and the terms behind each story, in plain English. No hype; leave in one click.",
                help_text="One line under the headline. May use {name}, {what}, {when}, {often}, {offer}.",
                max_length=240,
                verbose_name="sub-line",
            ),
        ),
        migrations.AddConstraint(
            model_name="signupcopy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("frequency__in", ["daily", "weekly", "fortnightly", "monthly"])
                ),
                name="subscriptions_signupcopy_frequency_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="signupcopy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("day", ""),
                    (
                        "day__in",
                        [
                            "monday",
                            "tuesday",
                            "wednesday",
                            "thursday",
                            "friday",
                            "saturday",
                            "sunday",
                        ],
                    ),
                    _connector="OR",
                ),
                name="subscriptions_signupcopy_day_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="signupcopy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("button_label__gt", ""),
                    ("closing_headline__gt", ""),
                    ("confirm_intro__gt", ""),
                    ("confirm_subject__gt", ""),
                    ("consent__gt", ""),
                    ("headline__gt", ""),
                    ("name__gt", ""),
                    ("page_heading__gt", ""),
                    ("welcome_body__gt", ""),
                    ("welcome_heading__gt", ""),
                    ("welcome_message__gt", ""),
                    ("welcome_subject__gt", ""),
                    ("what__gt", ""),
                ),
                name="subscriptions_signupcopy_texts_not_empty",
            ),
        ),
        migrations.RunPython(replace_the_old_default_copy, migrations.RunPython.noop),
        migrations.RunPython(move_category_lines_to_categories, move_pitches_back),
        migrations.RemoveField(
            model_name="categorysignupline",
            name="category",
        ),
        migrations.RemoveField(
            model_name="categorysignupline",
            name="copy",
        ),
        migrations.DeleteModel(
            name="CategorySignupLine",
        ),
    ]
