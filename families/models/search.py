from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Func, Q


class NameWords(Func):
    """The words of a folded name, as the index of the families' name words (migration 0020) holds
    them: the separator is written into the SQL (a parameter would not match the index)."""

    template = "string_to_array(%(expressions)s, ' ')"
    output_field = ArrayField(models.TextField())


class NameWordQuerySet(models.QuerySet):
    def containing(self, part: str) -> "NameWordQuerySet":
        return self.filter(word__contains=part)

    def similar_to(self, word: str) -> "NameWordQuerySet":
        """The words ``word`` is similar to, or to the start of (pg_trgm's word similarity, at the
        session's ``pg_trgm.word_similarity_threshold``)."""
        return self.filter(word__trigram_word_similar=word)

    def held_by(self, field: str = "search_name") -> Q:
        """The rows whose folded name (``field``) has one of these words, read from the index of the
        families' name words: one lookup of the vocabulary, then the families holding the words."""
        words = NameWords(field)
        return Q(words.get_lookup("overlap")(words, ArraySubquery(self.values("word"))))


class NameWord(models.Model):
    """A word of some mother's folded name (``Family.search_name``), once each: the vocabulary in which
    the name search looks up the words typed (contained in a word, or similar to it when misspelt)
    before it reads the families holding the words found (``families.selectors``).

    Kept by PostgreSQL itself (migration 0020): a trigger adds the words of every family written,
    whatever writes it (a service, an update of many rows, the demo's ``COPY``); an anonymisation
    removes her words unless another mother has them, and ``families.services.name_words_forget_unused``
    removes each night any other word no family holds any more (a mother renamed). Empty on SQLite, the embedded default of ``make run``, whose name
    search reads the names themselves."""

    word = models.CharField(max_length=320, primary_key=True)

    objects = NameWordQuerySet.as_manager()

    def __str__(self) -> str:
        return self.word
