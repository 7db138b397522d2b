#!/usr/bin/env python3
"""Reference values for @init/schemes parity tests.

PyTorch values come from torch.nn.init itself (fans, gains) and from the std/bound expressions of
xavier_*_ and kaiming_*_ evaluated with torch's own helpers. Keras and JAX are not installed: their
fan and variance-scaling rules are written below from their documented definitions.

Run: /usr/bin/python3 scripts/reference/schemes_fixtures.py
Writes packages/schemes/test/fixtures/{fans,gains,scales}.json.
"""
import json
import math
import os
from fractions import Fraction

import torch
from torch.nn import init

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'schemes', 'test', 'fixtures')

# Shapes in PyTorch layout: dense, conv1d/2d/3d, grouped and depthwise conv, transposed conv, edge cases.
TORCH_SHAPES = [
    [3, 5], [1, 1], [10, 1], [1, 10], [256, 784], [50257, 768],
    [16, 8, 3], [64, 3, 3, 3], [32, 16, 5, 5], [8, 4, 3, 3, 3], [64, 16, 3, 3], [32, 1, 3, 3], [128, 64, 1, 1],
    [16, 32, 4, 4], [3, 6, 2, 2, 2], [7, 7, 1],
    [5], [], [0], [0, 5], [5, 0], [0, 0], [4, 0, 3, 3], [4, 3, 0, 3],
]


def torch_fans(shape):
    try:
        fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(shape))
        return {'fanIn': fi, 'fanOut': fo}
    except ValueError as e:
        return {'error': str(e)}


def keras_fans(shape):
    # keras/src/initializers/random_initializers.py compute_fans (no explicit axes)
    shape = tuple(shape)
    if len(shape) < 1:
        fan_in = fan_out = 1
    elif len(shape) == 1:
        fan_in = fan_out = shape[0]
    elif len(shape) == 2:
        fan_in, fan_out = shape[0], shape[1]
    else:
        rf = 1
        for d in shape[:-2]:
            rf *= d
        fan_in = shape[-2] * rf
        fan_out = shape[-1] * rf
    return {'fanIn': int(fan_in), 'fanOut': int(fan_out)}


def jax_fans(shape, in_axis, out_axis, batch_axis):
    # jax/_src/nn/initializers.py _compute_fans, written with the receptive field as the product of
    # the remaining axes (identical for non-empty shapes, defined for empty ones).
    rank = len(shape)
    norm = lambda a: a % rank
    ins = [norm(a) for a in (in_axis if isinstance(in_axis, (list, tuple)) else [in_axis])]
    outs = [norm(a) for a in (out_axis if isinstance(out_axis, (list, tuple)) else [out_axis])]
    bs = [norm(a) for a in batch_axis]
    size = lambda axes: math.prod(shape[a] for a in axes)
    rf = math.prod(shape[a] for a in range(rank) if a not in ins + outs + bs)
    return {'fanIn': size(ins) * rf, 'fanOut': size(outs) * rf}


def to_keras(shape):
    # [out, in, *k] -> [*k, in, out]
    if len(shape) < 2:
        return list(shape)
    return list(shape[2:]) + [shape[1], shape[0]]


GAIN_CASES = [
    ['linear', None], ['conv1d', None], ['conv2d', None], ['conv3d', None], ['conv_transpose1d', None],
    ['conv_transpose2d', None], ['conv_transpose3d', None], ['sigmoid', None], ['tanh', None], ['relu', None],
    ['leaky_relu', None], ['leaky_relu', 0.2], ['leaky_relu', 0.0], ['leaky_relu', 1.0], ['leaky_relu', math.sqrt(5)],
    ['leaky_relu', 0.01], ['leaky_relu', -0.5], ['selu', None],
]


def torch_scales(shape):
    fi, fo = init._calculate_fan_in_and_fan_out(torch.empty(shape))
    t = torch.empty(shape)
    out = {'shape': shape, 'xavier': [], 'kaiming': []}
    for gain in [1.0, 5.0 / 3, math.sqrt(2.0), 0.5]:
        if fi + fo == 0:
            continue
        std = gain * math.sqrt(2.0 / float(fi + fo))  # torch.nn.init.xavier_normal_
        a = math.sqrt(3.0) * std  # torch.nn.init.xavier_uniform_
        out['xavier'].append({'gain': gain, 'std': std, 'bound': a})
    for mode in ['fan_in', 'fan_out']:
        for nl, a in [['relu', 0], ['leaky_relu', 0], ['leaky_relu', math.sqrt(5)], ['leaky_relu', 0.2], ['tanh', 0],
                      ['linear', 0], ['selu', 0]]:
            fan = init._calculate_correct_fan(t, mode)
            if fan == 0:
                continue
            gain = init.calculate_gain(nl, a)
            std = gain / math.sqrt(fan)  # torch.nn.init.kaiming_normal_
            bound = math.sqrt(3.0) * std  # torch.nn.init.kaiming_uniform_
            out['kaiming'].append({'mode': mode, 'nonlinearity': nl, 'slope': a, 'gain': gain, 'std': std, 'bound': bound})
    return out


def keras_variance_scaling(shape, scale, mode, distribution):
    # keras VarianceScaling.__call__
    f = keras_fans(shape)
    fan_in, fan_out = f['fanIn'], f['fanOut']
    if mode == 'fan_in':
        scale /= max(1.0, fan_in)
    elif mode == 'fan_out':
        scale /= max(1.0, fan_out)
    elif mode == 'fan_avg':
        scale /= max(1.0, (fan_in + fan_out) / 2.0)
    else:  # JAX fan_geo_avg: denominator sqrt(fan_in * fan_out)
        scale /= max(1.0, math.sqrt(fan_in * fan_out))
    if distribution == 'truncated_normal':
        stddev = math.sqrt(scale) / 0.87962566103423978
        return {'std': stddev, 'bound': 2 * stddev}
    if distribution == 'untruncated_normal':
        return {'std': math.sqrt(scale)}
    limit = math.sqrt(3.0 * scale)
    return {'bound': limit}


def keras_scales(shape):
    rows = []
    for scale in [1.0, 2.0, 0.5, 25.0 / 9]:
        for mode in ['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg']:
            for dist in ['truncated_normal', 'untruncated_normal', 'uniform']:
                rows.append({'scale': scale, 'mode': mode, 'distribution': dist,
                             **keras_variance_scaling(shape, scale, mode, dist)})
    named = {
        'GlorotUniform': keras_variance_scaling(shape, 1.0, 'fan_avg', 'uniform'),
        'GlorotNormal': keras_variance_scaling(shape, 1.0, 'fan_avg', 'truncated_normal'),
        'HeUniform': keras_variance_scaling(shape, 2.0, 'fan_in', 'uniform'),
        'HeNormal': keras_variance_scaling(shape, 2.0, 'fan_in', 'truncated_normal'),
        'LecunUniform': keras_variance_scaling(shape, 1.0, 'fan_in', 'uniform'),
        'LecunNormal': keras_variance_scaling(shape, 1.0, 'fan_in', 'truncated_normal'),
    }
    return {'shape': shape, 'variance_scaling': rows, 'named': named}


def main():
    os.makedirs(OUT, exist_ok=True)
    jax_cases = [
        [[3, 5], -2, -1, []], [[3, 3, 16, 32], -2, -1, []], [[8, 64, 16], 1, 2, [0]], [[8, 64, 16], -2, -1, []],
        [[12, 64, 768], 2, [0, 1], []], [[768, 12, 64], 0, [1, 2], []], [[4, 0, 3], 1, 2, [0]], [[2, 3, 4, 5], 1, 3, [0]],
    ]
    fans = {
        'torch': [{'shape': s, **torch_fans(s)} for s in TORCH_SHAPES],
        'keras': [{'shape': to_keras(s), **keras_fans(to_keras(s))} for s in TORCH_SHAPES],
        'jax': [{'shape': s, 'inAxis': i, 'outAxis': o, 'batchAxes': b, **jax_fans(s, i, o, b)} for s, i, o, b in jax_cases],
    }
    gains = [{'nonlinearity': n, 'param': p, 'gain': init.calculate_gain(n, p)} for n, p in GAIN_CASES]
    scale_shapes = [s for s in TORCH_SHAPES if len(s) >= 2 and math.prod(s) > 0]
    scales = {
        'torch': [torch_scales(s) for s in scale_shapes],
        'keras': [keras_scales(to_keras(s)) for s in scale_shapes] + [keras_scales(s) for s in [[5], [], [0, 4]]],
        'sparse_zeros': [
            {'sparsity': sp, 'rows': r, 'torch': math.ceil(sp * r), 'exact': math.ceil(Fraction(str(sp)) * r)}
            for sp in [0.0, 0.07, 0.1, 0.14, 0.25, 0.28, 0.3, 0.5, 0.56, 0.7, 0.9, 0.99] for r in [1, 3, 10, 100, 1000]
        ],
    }
    meta = {'generator': 'scripts/reference/schemes_fixtures.py', 'torch': torch.__version__}
    for name, data in [('fans', fans), ('gains', gains), ('scales', scales)]:
        with open(os.path.join(OUT, f'{name}.json'), 'w') as f:
            json.dump({'meta': meta, 'data': data}, f, indent=1)
            f.write('\n')
    print('wrote', OUT)


if __name__ == '__main__':
    main()
