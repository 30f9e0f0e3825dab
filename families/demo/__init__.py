"""Demo data: families with their children, spouses, consents, visits, appeals and referrals, the
messages the services sent them, the changes of their categories, and the timeline entries the
services would have written.

``seed_demo --families N`` tops the registry up to N families (``seeding.seed``, the step
``families.apps`` declares). Every family is made up in memory from a random generator seeded with
the number of families already there, so a run is reproducible (up to the dates, which follow today),
and written a chunk at a time with no query per family (``tables``: ``COPY`` on PostgreSQL), so that
100,000 families take a minute or two. Nothing goes through ``save()``: the search names are filled in
here, and the categories computed with the same pure function the daily recomputation uses.

Whatever the size of the registry, every centre has a day to show: about a dozen visits today, those
of the last two hours partly still waiting ("Today"); a few families whose income staff updated lately,
so that a category came or went ("changes"); and among the messages some that failed ("send again").

The parts: ``households`` (the mother, her spouse and children, the family's details), ``visits``
(visits, appeals, referrals), ``messages`` (the outbox's rows: sent or failed, never waiting, so that
nobody is texted), ``changes`` (category changes), ``clock`` (opening hours), ``reference`` (what is
read from the database once), ``weights`` and ``texts`` (how the registry is made up and what staff
write), the name lists in ``names``, ``kazakh_names``, ``russian_names`` and ``streets``.
"""

from families.demo.seeding import seed

__all__ = ["seed"]
