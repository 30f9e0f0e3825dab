"""``seed_demo``'s consultations step: specialists at every centre with their weekly plans (a few also
at a neighbouring centre on Saturdays), their leave and sick days, the public holidays of the history's
years, and two years of appointments with their case notes, outcomes and timeline entries.

It tops up: specialists are added as the registry grows (about one per 200 families of a district,
at least three a centre: a lawyer, a psychologist, an employment adviser), and a specialist gets her
history once, when she has no appointment yet. The history is written in bulk (``families.demo.tables``:
``COPY`` on PostgreSQL), a few specialists per transaction.
"""

from consultations.demo.seeding import seed

__all__ = ["seed"]
