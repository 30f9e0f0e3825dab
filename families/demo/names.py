"""Names for the demo families (Faker has no Kazakh locale): the lists are in ``kazakh_names`` and
``russian_names``, the streets in ``streets``.

Men's names come with the patronymics their children get from them, so that brothers and sisters
share one middle name: (name, a son's patronymic, a daughter's patronymic). Surnames come as
(male form, female form).
"""

from typing import NamedTuple


class MaleName(NamedTuple):
    name: str
    son: str  # the middle name of his sons
    daughter: str  # the middle name of his daughters
