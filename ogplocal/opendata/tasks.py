from celery import shared_task
from django.utils import timezone

from ogplocal.opendata.build import build_open_data


@shared_task(name="ogplocal.opendata.build")
def build_open_data_task() -> int:
    """The periodic build of the open-data files (Celery beat, daily). Returns the files built."""
    return len(build_open_data(as_of=timezone.localdate()))
