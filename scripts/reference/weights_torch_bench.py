#!/usr/bin/env python3
"""PyTorch reference for the materialize benchmark: torch.nn.init of a GPT-2 model's tensors on one thread,
each written out right after it is initialized (raw little-endian bytes after a small JSON header, fsynced), so
the comparison with `init-advisor materialize` covers generation, conversion and writing.

Usage: /usr/bin/python3 scripts/reference/weights_torch_bench.py N_LAYER N_HEAD N_EMBD f32|bf16 OUT_FILE
Prints one JSON object: {"torch", "seconds", "bytes", "gb_per_s", "max_rss_mb"}.
"""
import json
import math
import os
import resource
import sys
import time

for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(var, '1')

import torch  # noqa: E402
from torch.nn import init  # noqa: E402


def gpt2_tensors(n_layer, n_embd, vocab=50257, positions=1024):
    """(name, shape, kind, std) in GPT2LMHeadModel state-dict order, lm_head tied and not written."""
    out = [('wte', (vocab, n_embd), 'normal', 0.02), ('wpe', (positions, n_embd), 'normal', 0.02)]
    res = 0.02 / math.sqrt(2 * n_layer)
    for i in range(n_layer):
        h = f'h.{i}'
        out += [(f'{h}.ln_1.weight', (n_embd,), 'ones', 0), (f'{h}.ln_1.bias', (n_embd,), 'zeros', 0),
                (f'{h}.attn.c_attn.weight', (n_embd, 3 * n_embd), 'normal', 0.02), (f'{h}.attn.c_attn.bias', (3 * n_embd,), 'zeros', 0),
                (f'{h}.attn.c_proj.weight', (n_embd, n_embd), 'normal', res), (f'{h}.attn.c_proj.bias', (n_embd,), 'zeros', 0),
                (f'{h}.ln_2.weight', (n_embd,), 'ones', 0), (f'{h}.ln_2.bias', (n_embd,), 'zeros', 0),
                (f'{h}.mlp.c_fc.weight', (n_embd, 4 * n_embd), 'normal', 0.02), (f'{h}.mlp.c_fc.bias', (4 * n_embd,), 'zeros', 0),
                (f'{h}.mlp.c_proj.weight', (4 * n_embd, n_embd), 'normal', res), (f'{h}.mlp.c_proj.bias', (n_embd,), 'zeros', 0)]
    out += [('ln_f.weight', (n_embd,), 'ones', 0), ('ln_f.bias', (n_embd,), 'zeros', 0)]
    return out


def main():
    n_layer, _n_head, n_embd = (int(a) for a in sys.argv[1:4])
    dtype, path = sys.argv[4], sys.argv[5]
    torch.set_num_threads(1)
    torch.manual_seed(0)
    tensors = gpt2_tensors(n_layer, n_embd)
    t0 = time.perf_counter()
    written = 0
    with open(path, 'wb') as f:
        header = json.dumps([[n, list(s)] for n, s, _, _ in tensors]).encode()
        f.write(len(header).to_bytes(8, 'little'))
        f.write(header)
        for _name, shape, kind, std in tensors:
            t = torch.empty(shape)
            if kind == 'normal':
                init.normal_(t, 0.0, std)
            elif kind == 'ones':
                init.ones_(t)
            else:
                init.zeros_(t)
            if dtype == 'bf16':
                t = t.to(torch.bfloat16).view(torch.int16)
            data = t.numpy().data
            f.write(data)
            written += data.nbytes
        f.flush()
        os.fsync(f.fileno())
    seconds = time.perf_counter() - t0
    os.remove(path)
    print(json.dumps({'torch': torch.__version__, 'seconds': seconds, 'bytes': written,
                      'gb_per_s': written / 1e9 / seconds,
                      'max_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == '__main__':
    main()
