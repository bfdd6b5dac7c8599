"""The import's background task (django-tasks): the worker applies a confirmed import."""

from django_tasks import task

from terms.transfer import jobs


@task()
def run_import(import_id: int) -> str:
    """Apply confirmed import ``import_id``; its page shows the progress and the outcome."""
    return jobs.run(import_id)
