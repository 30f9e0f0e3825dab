"""Any write to the catalogue's rows (by a service or in the admin) makes the public pages' cache
forget them once it commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.cache import catalogue_changed
from courses.models import Booking, Course, Group, Lesson


@receiver([post_save, post_delete], sender=Course)
@receiver([post_save, post_delete], sender=Group)
@receiver([post_save, post_delete], sender=Lesson)
@receiver([post_save, post_delete], sender=Booking)
def forget_catalogue(sender, **kwargs) -> None:
    transaction.on_commit(catalogue_changed)
