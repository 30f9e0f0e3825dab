import random

from families.demo.weights import CHILDREN, VISITS, Weighted


def test_a_pick_draws_what_random_choices_draws_from_the_same_generator():
    for weighted in (CHILDREN, VISITS, Weighted(["a", "b", "c"], [1, 0, 5])):
        ours, theirs = random.Random(7), random.Random(7)

        picks = [weighted.pick(ours) for _ in range(2_000)]

        assert picks == [theirs.choices(weighted.values, cum_weights=weighted.cum_weights)[0] for _ in range(2_000)]
        assert ours.random() == theirs.random()  # each draw took as much of the generator


def test_a_value_of_no_weight_is_never_picked():
    rng = random.Random(3)

    assert "b" not in {Weighted(["a", "b", "c"], [1, 0, 5]).pick(rng) for _ in range(5_000)}
