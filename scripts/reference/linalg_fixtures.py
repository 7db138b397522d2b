#!/usr/bin/env python3
"""Writes the LAPACK reference fixtures of @init/linalg (QR, SVD, symmetric eigenvalues).

Shapes: random, ill-conditioned (condition 1e12), rank-deficient, graded, tall, wide, 1 x 1, 1 x n
and n x 1 for QR and SVD; random, graded, rank-deficient, 1 x 1 and Gram matrices of tall, wide and
1 x n matrices for the symmetric eigenvalues; Gauss quadrature and random Jacobi matrices.

Run with Debian's python3 + numpy (LAPACK underneath):
    /usr/bin/python3 scripts/reference/linalg_fixtures.py
Output: packages/linalg/test/fixtures/{decompositions,eig,tridiagonal}.json (committed; tests read them without Python).
Floats are written with repr(), which round-trips float64 exactly.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'linalg', 'test', 'fixtures')
rng = np.random.default_rng(20261130)


def with_singular_values(m, n, s):
    """An m x n matrix with the given singular values and random singular vectors."""
    k = min(m, n)
    u, _ = np.linalg.qr(rng.standard_normal((m, k)))
    v, _ = np.linalg.qr(rng.standard_normal((n, k)))
    return (u * np.asarray(s)) @ v.T


def cases():
    out = []
    out.append(('random_6x6', rng.standard_normal((6, 6))))
    out.append(('random_24x24', rng.standard_normal((24, 24))))
    out.append(('ill_conditioned_8x8_cond1e12', with_singular_values(8, 8, np.logspace(0, -12, 8))))
    out.append(('ill_conditioned_30x20_cond1e12', with_singular_values(30, 20, np.logspace(0, -12, 20))))
    b = rng.standard_normal((7, 3))
    out.append(('rank_deficient_7x7_rank3', b @ rng.standard_normal((3, 7))))
    out.append(('tall_9x4', rng.standard_normal((9, 4))))
    out.append(('tall_30x13', rng.standard_normal((30, 13))))
    out.append(('wide_4x9', rng.standard_normal((4, 9))))
    out.append(('wide_13x30', rng.standard_normal((13, 30))))
    out.append(('one_by_one', np.array([[-2.5]])))
    out.append(('one_by_n_1x5', rng.standard_normal((1, 5))))
    out.append(('n_by_one_5x1', rng.standard_normal((5, 1))))
    out.append(('graded_10x10', np.diag(10.0 ** -np.arange(10)) @ rng.standard_normal((10, 10))))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    dec_cases = []
    for name, a in cases():
        a = np.asarray(a, dtype=np.float64)
        _, r = np.linalg.qr(a, mode='reduced')
        s = np.linalg.svd(a, compute_uv=False)
        dec_cases.append({
            'name': name,
            'a': a.tolist(),
            'r': r.tolist(),
            's': s.tolist(),
            'rank': int(np.linalg.matrix_rank(a)),
        })

    eig_cases = []
    for name, n in [('sym_random_6', 6), ('sym_random_25', 25)]:
        x = rng.standard_normal((n, n))
        a = (x + x.T) / 2
        eig_cases.append({'name': name, 'a': a.tolist(), 'values': np.linalg.eigvalsh(a).tolist()})
    a = with_singular_values(8, 8, np.logspace(0, -10, 8))
    a = a @ a.T  # symmetric positive semi-definite, eigenvalues 1 .. 1e-20
    eig_cases.append({'name': 'spd_graded_8', 'a': ((a + a.T) / 2).tolist(), 'values': np.linalg.eigvalsh((a + a.T) / 2).tolist()})
    # Further shapes from their own generator, so the cases above and below keep their values:
    # indefinite rank-deficient, 1 x 1, and the Gram matrices of tall, wide and 1 x n matrices
    # (eigenvalues = squared singular values; the wide and 1 x n ones are singular).
    extra = np.random.default_rng(20261201)
    b = extra.standard_normal((7, 3))
    sym = b @ np.diag([2.0, -1.0, 0.5]) @ b.T
    grams = [('sym_rank_deficient_7_rank3', (sym + sym.T) / 2), ('sym_one_by_one', np.array([[-3.25]]))]
    for name, (m, n) in [('gram_of_tall_9x4', (9, 4)), ('gram_of_wide_4x9', (4, 9)), ('gram_of_1x5', (1, 5))]:
        x = extra.standard_normal((m, n))
        g = x.T @ x
        grams.append((name, (g + g.T) / 2))
    for name, a in grams:
        eig_cases.append({'name': name, 'a': a.tolist(), 'values': np.linalg.eigvalsh(a).tolist()})

    tri_cases = []
    for n in [1, 2, 5, 20]:
        x, w = np.polynomial.hermite.hermgauss(n)
        diag = [0.0] * n
        off = [float(np.sqrt(k / 2.0)) for k in range(1, n)]
        tri_cases.append({'name': f'gauss_hermite_{n}', 'diag': diag, 'offDiag': off, 'values': x.tolist(),
                          'weights': w.tolist(), 'mu0': float(np.sqrt(np.pi))})
    for n in [3, 16]:
        x, w = np.polynomial.legendre.leggauss(n)
        off = [float(k / np.sqrt(4.0 * k * k - 1.0)) for k in range(1, n)]
        tri_cases.append({'name': f'gauss_legendre_{n}', 'diag': [0.0] * n, 'offDiag': off, 'values': x.tolist(),
                          'weights': w.tolist(), 'mu0': 2.0})
    d = rng.standard_normal(30)
    e = rng.standard_normal(29)
    t = np.diag(d) + np.diag(e, 1) + np.diag(e, -1)
    tri_cases.append({'name': 'random_30', 'diag': d.tolist(), 'offDiag': e.tolist(), 'values': np.linalg.eigvalsh(t).tolist()})

    meta = {'generator': 'scripts/reference/linalg_fixtures.py', 'numpy': np.__version__}
    for fname, payload in [('decompositions.json', dec_cases), ('eig.json', eig_cases),
                           ('tridiagonal.json', tri_cases)]:
        with open(os.path.join(OUT, fname), 'w') as f:
            json.dump({'meta': meta, 'cases': payload}, f)
            f.write('\n')


if __name__ == '__main__':
    main()
