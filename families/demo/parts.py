"""A large demo step written from several processes at once (on PostgreSQL, outside a transaction).

Making the rows is Python's work and takes one core; the database's share (indexes, the foreign keys
checked at commit) is a quarter of that. On a machine with two cores or more, a step that makes
hundreds of thousands of rows cuts its work into parts and makes them in processes of their own
(``in_parts``), each writing its chunks as ``Chunks`` does.

The rows of a part refer to each other by key from the moment they are made (``Table.add``), so each
part needs its keys before it starts, and nobody knows how many rows it will make. ``in_parts`` sets
aside a block of keys for every part on each table's sequence, as many as the step's rows per unit of
work (measured on a first chunk, made the usual way) give, a fifth more and a thousand spare; a model
with a fixed number of rows per unit (one consent per family) gets exactly that many. A part whose rows
would outrun its block writes nothing of that chunk and the step fails saying so; running it again tops
up what is missing. What a block leaves unused stays a gap in the keys, as a rolled-back insert leaves.

Each part draws from a random generator of its own, seeded from the step's seed and the part's
number, and the parts are cut the same way on any machine: the demo data depend on the number of rows
already there, not on the number of cores.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection, connections, models, transaction

from families.demo.tables import long_pending_lists, reserve, sequence_of

MARGIN = 1.2  # a part's block: its expected rows and a fifth more …
SPARE = 1_000  # … and a thousand keys


@dataclass(frozen=True)
class Keys:
    """The keys set aside for one part: of each model, the first one and the one past the last."""

    first: dict[type[models.Model], int]
    end: dict[type[models.Model], int]


def parallel() -> bool:
    """Whether a step's parts may be made in processes of their own: PostgreSQL, outside a transaction
    (a test's), on a machine with more than one core."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block and (os.cpu_count() or 1) > 1


def sizes(total: int, part: int) -> list[int]:
    """``total`` units of work cut into parts of about ``part`` units (the first ones a unit larger)."""
    count = max(1, total // part)
    return [total // count + (1 if index < total % count else 0) for index in range(count)]


def reserve_blocks(
    models_: Iterable[type[models.Model]],
    part_sizes: Sequence[int],
    per_unit: Mapping[type[models.Model], float],
    *,
    exact: Iterable[type[models.Model]] = (),
) -> list[Keys]:
    """Sets aside on each model's sequence a block of keys for each part (``part_sizes`` units of work
    each, ``per_unit`` rows of each model per unit): the sequences move past all of them at once."""
    models_, exact = list(models_), set(exact)
    blocks = []
    with transaction.atomic():
        at = reserve(models_)  # locks the tables until the sequences have moved
        for size in part_sizes:
            end = {
                model: at[model]
                + (round(size * per_unit[model]) if model in exact else math.ceil(size * per_unit[model] * MARGIN) + SPARE)
                for model in models_
            }
            blocks.append(Keys(first=dict(at), end=end))
            at = end
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"setval({sequence_of(model)}, {at[model] - 1})" for model in models_))
    return blocks


def in_parts(
    models_: Iterable[type[models.Model]],
    part_sizes: Sequence[int],
    per_unit: Mapping[type[models.Model], float],
    make: Callable[..., object],
    arguments: Callable[[int, Keys], tuple],
    *,
    exact: Iterable[type[models.Model]] = (),
) -> Iterator[object]:
    """Runs ``make(*arguments(index, keys))`` for every part in processes of their own (as many as the
    machine has cores), and gives what each returns (plain values, which pickle) as it finishes. ``make`` writes the part's rows
    through ``Chunks(models_, keys=keys)``; the tables' GIN indexes keep long pending lists meanwhile."""
    models_ = list(models_)
    with long_pending_lists(models_):
        blocks = reserve_blocks(models_, part_sizes, per_unit, exact=exact)
        global _work  # what the processes made by fork find: a through model's class does not pickle
        _work = [(make, arguments(index, keys)) for index, keys in enumerate(blocks)]
        connections.close_all()  # a process made by fork must not share the parent's connection
        try:
            processes = min(len(_work), os.cpu_count() or 1)
            with multiprocessing.get_context("fork").Pool(processes, initializer=_forget_inherited_connections) as pool:
                yield from pool.imap_unordered(_run, range(len(_work)))
        finally:
            _work = []


_work: list[tuple[Callable[..., object], tuple]] = []
_inherited: list[object] = []


def _forget_inherited_connections() -> None:
    """In a new process of the pool: a connection still open in the parent (one the parent's
    ``close_all`` did not reach, seen under the test suite) is the parent's socket, which two processes
    reading at once would garble and which closing would end for the parent too. So it is only left
    aside, never used nor closed here (the pool's processes end without finalising anything), and
    each process opens its own."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _inherited.append(conn.connection)
            conn.connection = None


def _run(index: int) -> object:
    """Part ``index``, in a process of the pool, which closes its connection after each part (the pool
    ends its processes without asking). What it returns goes back pickled: plain values only."""
    make, arguments = _work[index]
    try:
        return make(*arguments)
    finally:
        connections.close_all()
