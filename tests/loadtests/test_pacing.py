"""Class-shaped arrivals and the client side of the send budgets."""

from __future__ import annotations

from loadtests.scenarios.pacing import ClassArrivals, SendBudget


def test_a_class_of_thirty_arrives_within_its_window():
    arrivals = ClassArrivals(users=34, adults=4, class_size=30, window=30, gap=15)
    assert arrivals.target(0) == 5  # the adults and the first pupil
    assert 5 < arrivals.target(15) < 34
    assert arrivals.target(30) == 34
    assert arrivals.target(600) == 34


def test_classes_overlap_and_the_total_is_capped_by_users():
    arrivals = ClassArrivals(users=60, adults=4, class_size=30, window=30, gap=15)
    targets = [arrivals.target(t) for t in range(0, 61)]
    assert targets == sorted(targets)
    assert arrivals.classes() == 2
    assert arrivals.fully_arrived_at() == 45
    first_class_only = ClassArrivals(users=34, adults=4, class_size=30, window=30, gap=15)
    assert targets[14] == first_class_only.target(14)
    assert targets[20] > first_class_only.target(20)  # the second class starts before the first has finished
    assert targets[45] == targets[60] == 60


def test_fewer_users_than_adults_is_a_cap_too():
    assert ClassArrivals(users=3, adults=4).target(100) == 3


def test_the_budget_stays_under_the_servers_and_frees_up_after_the_window():
    budget = SendBudget(10, window=15)
    allowed = [budget.take("pupil:1", now=float(t) / 10) for t in range(20)]
    assert allowed.count(True) == 9  # one under the server's 10, for its differently placed window
    assert budget.take("pupil:2", now=1.0)  # per account
    assert not budget.take("pupil:1", now=15.5)
    assert budget.take("pupil:1", now=16.1)
