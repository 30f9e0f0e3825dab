"""The core's one table: forms already saved, by their token (``core.submissions``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """A form that was saved, known by the token it was rendered with. The same form sent again (a double
    click, a resend after a slow answer) finds this row and saves nothing more; its answer is the first
    one's. The row is written in the transaction of the create, so a twin sent at the same moment waits
    on it and then finds it. Rows are forgotten after a month (``core.tasks.forget_old_submissions``)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    token = models.UUIDField()
    what = models.CharField(max_length=100)  # the form's URL name, such as "families:visit_new"
    answer = models.CharField(max_length=300, blank=True)  # where the first answer led
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "token"], name="submission_once")]

    def __str__(self) -> str:
        return f"{self.what} {self.token}"
