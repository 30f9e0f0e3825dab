"""What changes a round's ranking kept in the cache replaces its token (``grants.freshness``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from centres.models import District
from families.models import Family
from grants import freshness
from grants.models import Application, ApplicationVersion, Review, Round


@receiver([post_save, post_delete], sender=Application, dispatch_uid="grants.ranking_application")
def application_changed(sender, instance: Application, **kwargs) -> None:
    freshness.rankings_changed([instance.round_id])


@receiver([post_save, post_delete], sender=Review, dispatch_uid="grants.ranking_review")
@receiver([post_save, post_delete], sender=ApplicationVersion, dispatch_uid="grants.ranking_version")
def application_part_changed(sender, instance, **kwargs) -> None:
    rounds = Application.objects.filter(pk=instance.application_id).values_list("round_id", flat=True)
    freshness.rankings_changed(rounds)


@receiver([post_save, post_delete], sender=Round, dispatch_uid="grants.ranking_round")
def round_changed(sender, instance: Round, **kwargs) -> None:
    freshness.rankings_changed([instance.pk])


@receiver([post_save, post_delete], sender=Family, dispatch_uid="grants.ranking_family")
@receiver([post_save, post_delete], sender=District, dispatch_uid="grants.ranking_district")
def scope_changed(sender, instance, **kwargs) -> None:
    freshness.all_rankings_changed()
