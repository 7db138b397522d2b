#!/usr/bin/env python3
"""Reference Gaussian moments and gains of the built-in activations for @init/advisor.

Writes packages/advisor/test/fixtures/gains.json. Integrals are computed with mpmath at
40 significant digits, split at each activation's kink and over the whole real line
(tanh-sinh quadrature), so they are independent of the package's Gauss-Legendre code.

Run: python3 scripts/reference/advisor_gains.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 40

SELU_ALPHA = mp.mpf("1.6732632423543772848170429916717")
SELU_LAMBDA = mp.mpf("1.0507009873554804934193349852946")


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return mp.log1p(mp.exp(x))


ACTIVATIONS = {
    "relu": (lambda x: x if x > 0 else mp.mpf(0), lambda x: mp.mpf(1) if x > 0 else mp.mpf(0), [0]),
    "leaky_relu(slope=0.2)": (lambda x: x if x > 0 else x / 5, lambda x: mp.mpf(1) if x > 0 else mp.mpf(1) / 5, [0]),
    "elu(alpha=1)": (lambda x: x if x > 0 else mp.expm1(x), lambda x: mp.mpf(1) if x > 0 else mp.exp(x), [0]),
    "selu": (
        lambda x: SELU_LAMBDA * (x if x > 0 else SELU_ALPHA * mp.expm1(x)),
        lambda x: SELU_LAMBDA * (1 if x > 0 else SELU_ALPHA * mp.exp(x)),
        [0],
    ),
    "gelu": (lambda x: x * mp.ncdf(x), lambda x: mp.ncdf(x) + x * mp.npdf(x), []),
    "silu": (lambda x: x * sigmoid(x), lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))), []),
    "mish": (
        lambda x: x * mp.tanh(softplus(x)),
        lambda x: mp.tanh(softplus(x)) + x * (1 - mp.tanh(softplus(x)) ** 2) * sigmoid(x),
        [],
    ),
    "softplus": (softplus, sigmoid, []),
    "tanh": (mp.tanh, lambda x: 1 - mp.tanh(x) ** 2, []),
    "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)), []),
    "linear": (lambda x: x, lambda x: mp.mpf(1), []),
}


def expect(f, q, kinks):
    s = mp.sqrt(q)
    pdf = lambda x: mp.exp(-x * x / (2 * q)) / (s * mp.sqrt(2 * mp.pi))
    points = [-mp.inf] + [mp.mpf(k) for k in kinks] + [mp.inf]
    if not kinks:
        points = [-mp.inf, 0, mp.inf]
    return mp.quad(lambda x: f(x) * pdf(x), points)


def main():
    rows = []
    for name, (phi, dphi, kinks) in ACTIVATIONS.items():
        for q in ("0.25", "1", "4"):
            qq = mp.mpf(q)
            m1 = expect(phi, qq, kinks)
            m2 = expect(lambda x: phi(x) ** 2, qq, kinks)
            d2 = expect(lambda x: dphi(x) ** 2, qq, kinks)
            row = {
                "activation": name,
                "q": float(qq),
                "mean": mp.nstr(m1, 20),
                "secondMoment": mp.nstr(m2, 20),
                "variance": mp.nstr(m2 - m1 * m1, 20),
                "slopeSecondMoment": mp.nstr(d2, 20),
            }
            if q == "1":
                row["gain"] = mp.nstr(1 / mp.sqrt(m2), 20)
                row["centeredGain"] = mp.nstr(1 / mp.sqrt(m2 - m1 * m1), 20)
            rows.append(row)
    out = {
        "generator": "scripts/reference/advisor_gains.py",
        "method": "mpmath.quad (tanh-sinh), 40 digits, split at kinks",
        "rows": rows,
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "advisor", "test", "fixtures", "gains.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
