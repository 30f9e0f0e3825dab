"""The vocabulary of the mothers' name words (``families.models.NameWord``) forgets the words no family
holds any more. PostgreSQL adds the words itself as families are written (migration 0020)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import connection, transaction

from core.errors import DomainError
from core.locking import lock_timeout
from families.models.search import NameWords

logger = logging.getLogger(__name__)

# A family's INSERT or UPDATE takes ROW EXCLUSIVE on the vocabulary through its trigger (adding its
# words, or finding them there): this mode waits for those transactions and keeps new ones out.
LOCK = "LOCK TABLE families_nameword IN SHARE ROW EXCLUSIVE MODE"
# Her name's words as the search reads them (``NameWords``), so that the words index answers.
_WORDS = NameWords.template % {"expressions": "families_family.search_name"}
_UNHELD = f"NOT EXISTS (SELECT 1 FROM families_family WHERE {_WORDS} @> ARRAY[vocabulary.word::text])"


def lock_name_words() -> None:
    """Locks the vocabulary against new words until the transaction ends, so that the families other
    transactions are writing are written before ``name_words_forget`` looks for its words in them: a
    word a registration holds at this very moment stays. A change that takes words out of names
    (``family_anonymise``) takes it before it writes any family."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(LOCK)


def name_words_forget(words: Iterable[str] | None = None) -> int:
    """Removes ``words`` (every word, when None) from the vocabulary where no mother's name holds them
    any more, after ``lock_name_words`` in the same transaction; returns how many went."""
    if connection.vendor != "postgresql":
        return 0  # SQLite keeps no vocabulary
    sql, params = f"DELETE FROM families_nameword AS vocabulary WHERE {_UNHELD}", []
    if words is not None:
        sql, params = f"{sql} AND vocabulary.word = ANY(%s)", [sorted(set(words))]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def name_words_forget_unused() -> int:
    """Removes the words no mother's name holds any more (she was renamed, or anonymised while a name
    with her words was being written), so that the vocabulary keeps no name the registry does not, and
    returns how many. A system task (nightly, ``families.tasks``): it changes no record, so it writes
    no audit row. The lock waits at most ``settings.LOCK_TIMEOUT_MS`` (a registration queued behind
    it waits no longer); then nothing is removed, and the next night tries again."""
    try:
        with transaction.atomic(), lock_timeout():
            lock_name_words()
            return name_words_forget()
    except DomainError:
        logger.warning("Name words not forgotten: families were being written for longer than the lock waits.")
        return 0
