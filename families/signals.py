"""Signals of the family registry for the apps built on it."""

from django.dispatch import Signal

# Sent by families.services.family_anonymise inside its transaction, with ``family`` (its row locked)
# and ``redact`` (a function that takes out of a text, or of a JSON value, every name, IIN, phone and
# address of the family's people). An app that keeps free text or files about a family (case notes,
# business plans) removes them here, so that anonymising a family leaves nothing that names anyone.
family_anonymising = Signal()
