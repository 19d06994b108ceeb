#!/usr/bin/env python3
"""Reference values for the verdict statistics, computed independently of Perfolizer.

Pure Python (standard library only): the exact Mann-Whitney U null distribution by the
counting recurrence f(n, m, u) = f(n - 1, m, u - m) + f(n, m - 1, u), exact rationals for the
probabilities, the Hodges-Lehmann ratio as the median of every candidate/baseline ratio, the
Moses bound rank k = max{k : P(U <= k - 1) <= a}, p-values P(U <= #{ratios <= t}), and Holm's
step-down adjustment. VerdictReferenceTests pastes this script's output as expected values.

Run: python3 verdict_reference.py
"""
from fractions import Fraction
from functools import lru_cache
from math import comb


@lru_cache(maxsize=None)
def counts(n, m):
    """Number of orderings giving U = u, for u = 0 .. n*m."""
    if n == 0 or m == 0:
        return (1,)
    a = counts(n - 1, m)  # the largest value is from the second sample: adds m to U? see below
    b = counts(n, m - 1)
    out = [0] * (n * m + 1)
    # U counts pairs (x_i, y_j) with x_i > y_j. If the largest of all values is an x, it beats
    # all m y's: U = m + U(n-1, m). Otherwise it is a y and beats no x: U = U(n, m-1).
    for u, c in enumerate(a):
        out[u + m] += c
    for u, c in enumerate(b):
        out[u] += c
    return tuple(out)


def p_at_most(n, m, u):
    if u < 0:
        return Fraction(0)
    c = counts(n, m)
    return Fraction(sum(c[: min(u, n * m) + 1]), comb(n + m, n))


def lower_rank(n, m, a):
    k = 0
    while k + 1 <= n * m // 2 and p_at_most(n, m, k) <= a:
        k += 1
    return k


def ratios(base, head):
    return sorted(x / y for x in head for y in base)


def median(v):
    v = sorted(v)
    h = len(v) // 2
    return v[h] if len(v) % 2 else (v[h - 1] + v[h]) / 2


def interval(base, head, one_sided):
    r = ratios(base, head)
    k = lower_rank(len(head), len(base), Fraction(one_sided).limit_denominator(10**12))
    return median(r), r[k - 1], r[len(r) - k]


def p_above(base, head, t):
    r = ratios(base, head)
    return p_at_most(len(head), len(base), sum(1 for x in r if x <= t))


def p_below(base, head, t):
    r = ratios(base, head)
    return p_at_most(len(head), len(base), sum(1 for x in r if x >= t))


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: (ps[i], i))
    adj = [0.0] * len(ps)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - rank) * ps[i]))
        adj[i] = running
    return adj


BASE = [100.0, 101.3, 99.2, 100.7, 98.9, 100.2, 101.1, 99.6, 100.4, 99.9]
HEAD3 = [103.1, 104.0, 102.2, 103.9, 101.8, 103.3, 104.4, 102.6, 103.5, 102.9]
HEAD_SAME = [100.3, 99.4, 100.9, 99.8, 100.1, 101.0, 99.1, 100.6, 99.7, 100.2]

if __name__ == "__main__":
    for n, m in [(3, 3), (4, 4), (5, 7), (10, 10)]:
        print(f"P(U<=u) n={n} m={m}:", [float(p_at_most(n, m, u)) for u in range(4)])
    for n, m, a in [(10, 10, 0.025), (10, 10, 0.0025), (5, 7, 0.025), (4, 4, 0.025), (3, 3, 0.025)]:
        print(f"lower rank n={n} m={m} a={a}:", lower_rank(n, m, Fraction(a)))
    print("HL HEAD3/BASE 95%:", [repr(v) for v in interval(BASE, HEAD3, 0.025)])
    print("HL SAME/BASE 95%:", [repr(v) for v in interval(BASE, HEAD_SAME, 0.025)])
    print("p above 1.01 HEAD3:", float(p_above(BASE, HEAD3, 1.01)))
    print("p below 0.99 HEAD3:", float(p_below(BASE, HEAD3, 0.99)))
    print("p above 1.01 SAME:", float(p_above(BASE, HEAD_SAME, 1.01)))
    print("p below 0.99 SAME:", float(p_below(BASE, HEAD_SAME, 0.99)))
    print("p above 1.03 HEAD3:", float(p_above(BASE, HEAD3, 1.03)))
    print("holm:", holm([0.01, 0.04, 0.03, 0.005, 0.5]))
