"""Demo data: families with their children, spouses, consents, visits, appeals and referrals, and the
timeline entries the services would have written.

``seed_demo --families N`` tops the registry up to N families (``seeding.seed``, the step
``families.apps`` declares). Every family is made up in memory from a random generator seeded with
the number of families already there, so a run is reproducible (up to the dates, which follow today),
and written a chunk at a time with no query per family (``tables``: ``COPY`` on PostgreSQL), so that
100,000 families take a minute or two. Nothing goes through ``save()``: the search names are filled in
here, and the categories computed with the same pure function the daily recomputation uses.

The parts: ``households`` (the mother, her spouse and children, the family's details), ``visits``
(visits, appeals, referrals), ``clock`` (opening hours), ``reference`` (what is read from the
database once), ``weights`` and ``texts`` (how the registry is made up and what staff write), the
name lists in ``names``, ``kazakh_names``, ``russian_names`` and ``streets``.
"""

from families.demo.seeding import seed

__all__ = ["seed"]
