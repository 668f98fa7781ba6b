"""The statistics of a wording test, in plain Python (no numpy/scipy: a few closed forms are enough).

- :func:`wilson`: the Wilson score interval of a rate — honest at small samples and at 0 % / 100 %, where the
  textbook ±1.96·SE interval collapses to a point.
- :func:`two_proportion_p`: the two-sided p-value of the pooled two-proportion z-test.
- :func:`prob_b_beats_a`: P(rate B > rate A) with uniform Beta(1, 1) priors, the exact finite sum (Evan Miller,
  "Formulas for Bayesian A/B testing"), so "B 更好的把握 94%" is a number, not a simulation's noise.
- :func:`sample_size`: chats per arm to tell two rates apart (α 0.05 two-sided, power 0.8).
"""

from __future__ import annotations

import math

Z_95 = 1.959963984540054
Z_80 = 0.8416212335729143


def wilson(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """(low, high) of the Wilson score interval; (0, 0) without data."""
    if n <= 0:
        return 0.0, 0.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def normal_sf(z: float) -> float:
    """P(Z > z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def two_proportion_z(s1: int, n1: int, s2: int, n2: int) -> float:
    """The pooled z statistic of p2 − p1 (0 when it cannot be computed)."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    pooled = (s1 + s2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0
    return (s2 / n2 - s1 / n1) / se


def two_proportion_p(s1: int, n1: int, s2: int, n2: int) -> float:
    """Two-sided p-value of the two-proportion z-test."""
    return 2 * normal_sf(abs(two_proportion_z(s1, n1, s2, n2)))


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def prob_b_beats_a(s_a: int, n_a: int, s_b: int, n_b: int) -> float:
    """P(p_B > p_A) for posteriors Beta(1 + s, 1 + n − s): the exact sum over B's successes.

    The sum has 1 + s_B terms; beyond a few thousand successes the normal approximation of the two posteriors is
    used instead (it is then accurate to far better than the percent the verdict shows).
    """
    alpha_a, beta_a = 1 + s_a, 1 + n_a - s_a
    alpha_b, beta_b = 1 + s_b, 1 + n_b - s_b
    if alpha_b > 5000:
        mean_a, mean_b = alpha_a / (alpha_a + beta_a), alpha_b / (alpha_b + beta_b)
        var_a = alpha_a * beta_a / ((alpha_a + beta_a) ** 2 * (alpha_a + beta_a + 1))
        var_b = alpha_b * beta_b / ((alpha_b + beta_b) ** 2 * (alpha_b + beta_b + 1))
        return normal_sf(-(mean_b - mean_a) / math.sqrt(var_a + var_b))
    total = 0.0
    base = _log_beta(alpha_a, beta_a)
    for i in range(alpha_b):
        total += math.exp(
            _log_beta(alpha_a + i, beta_a + beta_b) - math.log(beta_b + i) - _log_beta(1 + i, beta_b) - base
        )
    return min(1.0, max(0.0, total))


def sample_size(p1: float, p2: float, *, alpha_z: float = Z_95, power_z: float = Z_80) -> int | None:
    """Chats per arm for a two-sided test at α 0.05 with power 0.8 to detect p1 vs p2; None when they are equal."""
    if p1 == p2:
        return None
    p_bar = (p1 + p2) / 2
    top = alpha_z * math.sqrt(2 * p_bar * (1 - p_bar)) + power_z * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(top * top / ((p1 - p2) ** 2))
