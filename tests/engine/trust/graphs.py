"""Seeded graphs for the trust tests: an honest community and a ring of fake accounts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from mensch.engine.trust import Vouch, mutual

HONEST_MEMBERS = 300
SEEDS = 10
SYBILS = 100
ATTACK_EDGES = 3


@dataclass(frozen=True)
class Community:
    members: list[str]
    vouches: list[Vouch]
    seeds: list[str]


def honest_community(size: int = HONEST_MEMBERS, seeds: int = SEEDS, seed: int = 7) -> Community:
    """Members who met their neighbours and a few others, with some confirmed favours.

    The first ``seeds`` members are the organizers.
    """
    rnd = random.Random(seed)
    members = [f"h{i}" for i in range(size)]
    vouches: list[Vouch] = []
    for i in range(size):
        for j in (i + 1, i + 2):
            vouches += mutual(members[i], members[j % size])
        for _ in range(2):
            j = rnd.randrange(size)
            if j != i:
                vouches += mutual(members[i], members[j])
        if rnd.random() < 0.3:
            vouches.append(Vouch(members[rnd.randrange(size)], members[i], 2.0, "favour"))
    return Community(members, vouches, members[:seeds])


def sybil_ring(
    victims: list[str],
    honest: list[str],
    *,
    size: int = SYBILS,
    clique: bool = True,
    outward: int = 20,
    seed: int = 11,
) -> tuple[list[str], list[Vouch]]:
    """``size`` fake accounts vouching for each other (a clique, or a plain ring).

    Each victim is an honest member who confirmed a meeting with one sybil
    (the attack edges); ``outward`` sybils also vouch for honest members to
    look ordinary.
    """
    rnd = random.Random(seed)
    sybils = [f"s{i}" for i in range(size)]
    if clique:
        vouches = [Vouch(a, b, 5.0) for a in sybils for b in sybils if a != b]
    else:
        vouches = [Vouch(sybils[i], sybils[(i + 1) % size], 5.0) for i in range(size)]
    vouches += [Vouch(s, rnd.choice(honest)) for s in sybils[:outward]]
    vouches += [Vouch(victim, sybils[k]) for k, victim in enumerate(victims)]
    return sybils, vouches
