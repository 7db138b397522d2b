#!/usr/bin/env python3
"""Reference mean-field values for @init/advisor (tanh network, Gaussian weights and biases).

Writes packages/advisor/test/fixtures/mean-field.json: fixed points q* of the variance map,
chi_1 at q*, and the edge-of-chaos sigma_w^2 for given sigma_b^2. Integrals use mpmath's
tanh-sinh quadrature at 25 digits; roots use mpmath.findroot. Independent of the package code.

Run: python3 scripts/reference/advisor_mean_field.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 25


def expect(f, q):
    return mp.quad(lambda z: f(mp.sqrt(q) * z) * mp.npdf(z), [-mp.inf, 0, mp.inf])


def q_star(sw2, sb2):
    return mp.findroot(lambda q: sw2 * expect(lambda x: mp.tanh(x) ** 2, q) + sb2 - q, 0.5)


def chi1(sw2, sb2):
    q = q_star(sw2, sb2)
    return sw2 * expect(lambda x: (1 - mp.tanh(x) ** 2) ** 2, q)


def main():
    fixed = []
    for sw2, sb2 in (("1.5", "0.05"), ("2.5", "0.05"), ("1.0", "0.3")):
        a, b = mp.mpf(sw2), mp.mpf(sb2)
        fixed.append(
            {"sigmaW2": float(a), "sigmaB2": float(b), "qStar": mp.nstr(q_star(a, b), 18), "chi1": mp.nstr(chi1(a, b), 18)}
        )
    critical = []
    for sb2 in ("0.05",):
        b = mp.mpf(sb2)
        s = mp.findroot(lambda s: chi1(s, b) - 1, 1.76)
        critical.append({"sigmaB2": float(b), "sigmaW2": mp.nstr(s, 18), "qStar": mp.nstr(q_star(s, b), 18)})
    out = {
        "generator": "scripts/reference/advisor_mean_field.py",
        "activation": "tanh",
        "method": "mpmath.quad (tanh-sinh) + findroot, 25 digits",
        "fixedPoints": fixed,
        "critical": critical,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "advisor", "test", "fixtures", "mean-field.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
