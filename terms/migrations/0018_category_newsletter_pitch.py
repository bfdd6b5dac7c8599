from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("terms", "0017_editor_preferences_and_scheduled_times"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="newsletter_pitch",
            field=models.CharField(
                blank=True,
                help_text=(
                    "The newsletter's line on this category's page and its terms' pages. Leave "
                    "blank for the general one, made from the name: “We cover business & "
                    "strategy every week.”"
                ),
                max_length=200,
            ),
        ),
    ]
