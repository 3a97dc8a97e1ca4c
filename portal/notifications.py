"""The staff-mail task's address before the editorial package existed.

Mail queued by the release before it names `portal.notifications.
send_event_mail`; the task worker imports the task from that address. This
module keeps it working for one release. Remove it in the release after,
once `DBTaskResult.objects.filter(task_path__startswith="portal.
notifications.")` is empty everywhere.
"""

from portal.editorial.staff_mail import send_event_mail

__all__ = ["send_event_mail"]
