#!/usr/bin/env python3
"""Interop proof for the weights files of @init/schemes and @init/advisor.

1. Runs packages/advisor/scripts/write-interop-files.ts (built packages, `npx tsx`), which writes small GPT-2 and
   LLaMA checkpoints with materializeToDisk (f32, bf16, f16, and an f32 checkpoint sharded into several files)
   and the in-memory output of materialize as one .npy per tensor.
2. Parses every .safetensors file by the format specification, in numpy only (the `safetensors` Python package
   is not used): u64 little-endian header length, JSON header, data offsets relative to the end of the header.
   Loads the .npy files with numpy.load.
3. Checks shapes and dtypes; exact equality of the f32 files with the in-memory tensors, and of the bf16 / f16
   files with PyTorch's own rounding of those tensors (`tensor.to(torch.bfloat16)`, `numpy.float16`); that the
   shards of the sharded checkpoint and its index hold exactly the single file's tensors; each tensor's std
   against its scheme.
4. Builds the same tiny models in plain PyTorch, following Hugging Face's module structure and `_init_weights`
   for GPT2LMHeadModel and LlamaForCausalLM (the `transformers` package is not used), and checks that the
   parameter names, shapes and per-tensor std equal those of the JavaScript expansion.

Writes packages/advisor/test/fixtures/weights-interop.json, which packages/advisor/src/weights-interop.test.ts
reads (tests never need Python). Exits 1 if any check fails.

Usage (from the repository root, after `pnpm --filter @init/advisor... build`):
    /usr/bin/python3 scripts/reference/weights_interop.py [--files DIR]
"""
import json
import math
import os
import subprocess
import sys
import tempfile

for var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(var, '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, 'packages', 'advisor', 'test', 'fixtures', 'weights-interop.json')
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return bool(ok)


# ----------------------------------------------------------------------------- safetensors by the spec
def read_safetensors(path):
    with open(path, 'rb') as f:
        raw = f.read()
    (n,) = np.frombuffer(raw[:8], dtype='<u8')
    n = int(n)
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    check((8 + n) % 8 == 0, f'{path}: data not 8-byte aligned')
    meta = header.pop('__metadata__', {})
    data = raw[8 + n:]
    tensors = {}
    end = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]['data_offsets'][0]):
        b, e = info['data_offsets']
        check(b == end, f'{path}: {name} does not start where the previous tensor ends')
        end = e
        buf = data[b:e]
        dt = info['dtype']
        if dt == 'F32':
            arr = np.frombuffer(buf, dtype='<f4')
        elif dt == 'F64':
            arr = np.frombuffer(buf, dtype='<f8')
        elif dt in ('BF16', 'F16'):
            arr = np.frombuffer(buf, dtype='<u2')
        else:
            raise ValueError(f'unexpected dtype {dt}')
        check(arr.size == int(np.prod(info['shape'], dtype=np.int64)), f'{path}: {name} size does not match its shape')
        tensors[name] = (dt, list(info['shape']), arr.reshape(info['shape']))
    check(end == len(data), f'{path}: bytes after the last tensor')
    return meta, tensors


def bf16_bits_torch(x):
    t = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).to(torch.bfloat16)
    return t.view(torch.int16).numpy().view(np.uint16)


def expected_std(init, shape):
    name = init['name']
    if name in ('zeros', 'ones'):
        return 0.0
    if name == 'normal':
        return float(init.get('std', 1.0))
    raise ValueError(f'no std rule for {name}')


# ----------------------------------------------------------------------------- reference modules (plain torch)
class Conv1D(nn.Module):
    """Hugging Face's GPT-2 Conv1D: weight stored [in, out] (nx, nf), y = x W + b."""

    def __init__(self, nf, nx):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))


class GPT2Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c_attn = Conv1D(3 * c['n_embd'], c['n_embd'])
        self.c_proj = Conv1D(c['n_embd'], c['n_embd'])


class GPT2MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        inner = c.get('n_inner') or 4 * c['n_embd']
        self.c_fc = Conv1D(inner, c['n_embd'])
        self.c_proj = Conv1D(c['n_embd'], inner)


class GPT2Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c['n_embd'])
        self.attn = GPT2Attention(c)
        self.ln_2 = nn.LayerNorm(c['n_embd'])
        self.mlp = GPT2MLP(c)


class GPT2Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c['vocab_size'], c['n_embd'])
        self.wpe = nn.Embedding(c['n_positions'], c['n_embd'])
        self.h = nn.ModuleList([GPT2Block(c) for _ in range(c['n_layer'])])
        self.ln_f = nn.LayerNorm(c['n_embd'])


class GPT2LMHeadModel(nn.Module):
    """Module structure and _init_weights of transformers' GPT2LMHeadModel (lm_head tied to wte)."""

    def __init__(self, c):
        super().__init__()
        self.transformer = GPT2Model(c)
        self.lm_head = nn.Linear(c['n_embd'], c['vocab_size'], bias=False)
        self.lm_head.weight = self.transformer.wte.weight
        r = c.get('initializer_range', 0.02)
        for m in self.modules():
            if isinstance(m, (nn.Linear, Conv1D)):
                m.weight.data.normal_(0.0, r)
                if m.bias is not None:
                    m.bias.data.zero_()
            elif isinstance(m, nn.Embedding):
                m.weight.data.normal_(0.0, r)
            elif isinstance(m, nn.LayerNorm):
                m.bias.data.zero_()
                m.weight.data.fill_(1.0)
        for name, p in self.named_parameters():
            if 'c_proj' in name and 'weight' in name:
                p.data.normal_(0.0, r / math.sqrt(2 * c['n_layer']))


class LlamaRMSNorm(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))


class LlamaAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c.get('head_dim') or c['hidden_size'] // c['num_attention_heads']
        kv = c.get('num_key_value_heads') or c['num_attention_heads']
        bias = c.get('attention_bias', False)
        self.q_proj = nn.Linear(c['hidden_size'], c['num_attention_heads'] * d, bias=bias)
        self.k_proj = nn.Linear(c['hidden_size'], kv * d, bias=bias)
        self.v_proj = nn.Linear(c['hidden_size'], kv * d, bias=bias)
        self.o_proj = nn.Linear(c['num_attention_heads'] * d, c['hidden_size'], bias=bias)


class LlamaMLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        bias = c.get('mlp_bias', False)
        self.gate_proj = nn.Linear(c['hidden_size'], c['intermediate_size'], bias=bias)
        self.up_proj = nn.Linear(c['hidden_size'], c['intermediate_size'], bias=bias)
        self.down_proj = nn.Linear(c['intermediate_size'], c['hidden_size'], bias=bias)


class LlamaDecoderLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = LlamaAttention(c)
        self.mlp = LlamaMLP(c)
        self.input_layernorm = LlamaRMSNorm(c['hidden_size'])
        self.post_attention_layernorm = LlamaRMSNorm(c['hidden_size'])


class LlamaModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c['vocab_size'], c['hidden_size'])
        self.layers = nn.ModuleList([LlamaDecoderLayer(c) for _ in range(c['num_hidden_layers'])])
        self.norm = LlamaRMSNorm(c['hidden_size'])


class LlamaForCausalLM(nn.Module):
    """Module structure and _init_weights of transformers' LlamaForCausalLM."""

    def __init__(self, c):
        super().__init__()
        self.model = LlamaModel(c)
        self.lm_head = nn.Linear(c['hidden_size'], c['vocab_size'], bias=False)
        if c.get('tie_word_embeddings', False):
            self.lm_head.weight = self.model.embed_tokens.weight
        r = c.get('initializer_range', 0.02)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                m.weight.data.normal_(0.0, r)
                if m.bias is not None:
                    m.bias.data.zero_()
            elif isinstance(m, nn.Embedding):
                m.weight.data.normal_(0.0, r)
            elif isinstance(m, LlamaRMSNorm):
                m.weight.data.fill_(1.0)


REFERENCE = {'gpt2_tiny': GPT2LMHeadModel, 'llama_tiny': LlamaForCausalLM}


def std_tolerance(n):
    # Relative standard error of a sample std is about 1/sqrt(2n); allow 6 of them (p ~ 1e-9 per tensor).
    return 6.0 / math.sqrt(2 * max(n, 1))


def main():
    args = sys.argv[1:]
    files = args[args.index('--files') + 1] if '--files' in args else None
    tmp = None
    if files is None:
        tmp = tempfile.TemporaryDirectory()
        files = tmp.name
        subprocess.run(['npx', 'tsx', 'packages/advisor/scripts/write-interop-files.ts', files], cwd=ROOT, check=True)
    with open(os.path.join(files, 'manifest.json')) as f:
        manifest = json.load(f)
    torch.manual_seed(0)
    out = {
        'generator': 'scripts/reference/weights_interop.py',
        'torch': torch.__version__,
        'numpy': np.__version__,
        'models': {},
    }
    for key, m in manifest.items():
        d = os.path.join(files, key)
        _, f32 = read_safetensors(os.path.join(d, 'f32', 'model.safetensors'))
        meta, bf16 = read_safetensors(os.path.join(d, 'bf16', 'model.safetensors'))
        _, f16 = read_safetensors(os.path.join(d, 'f16', 'model.safetensors'))
        check(meta.get('format') == 'pt', f'{key}: __metadata__.format is not pt')
        with open(os.path.join(d, 'f32-sharded', 'model.safetensors.index.json')) as f:
            index = json.load(f)
        sharded = {}
        for shard in sorted(set(index['weight_map'].values())):
            _, part = read_safetensors(os.path.join(d, 'f32-sharded', shard))
            for name in part:
                check(index['weight_map'].get(name) == shard, f'{key}: index puts {name} elsewhere than {shard}')
            sharded.update(part)
        total = sum(a.nbytes for (_, _, a) in sharded.values())
        check(index['metadata']['total_size'] == total, f'{key}: index total_size {index["metadata"]["total_size"]} != {total}')
        check(list(f32) == [t['name'] for t in m['tensors']], f'{key}: tensor order differs from the model')
        model = REFERENCE[key](m['config'])
        tied = {t['name'] for t in m['tied']}
        ref = [(n, list(p.shape), float(p.detach().double().std(unbiased=False))) for n, p in model.state_dict().items() if n not in tied]
        check([r[0] for r in ref] == [t['name'] for t in m['tensors']], f'{key}: names differ from the reference module')
        rows = []
        for t, (rname, rshape, rstd) in zip(m['tensors'], ref):
            name = t['name']
            mem = np.load(os.path.join(d, t['npy']))
            dt, shape, a32 = f32[name]
            row = {'name': name, 'shape': shape, 'reference_shape': rshape}
            check(dt == 'F32' and shape == list(mem.shape) == t['shape'], f'{key}: {name} f32 shape/dtype')
            check(shape == rshape, f'{key}: {name} shape {shape} != reference {rshape}')
            row['f32_equal'] = check(np.array_equal(a32.view(np.uint32), mem.view(np.uint32)), f'{key}: {name} f32 bits differ from memory')
            row['bf16_equal'] = check(bf16[name][0] == 'BF16' and np.array_equal(bf16[name][2], bf16_bits_torch(mem)), f'{key}: {name} bf16 differs from torch rounding')
            row['f16_equal'] = check(f16[name][0] == 'F16' and np.array_equal(f16[name][2], mem.astype(np.float16).view(np.uint16)), f'{key}: {name} f16 differs from numpy rounding')
            row['sharded_equal'] = check(np.array_equal(sharded[name][2].view(np.uint32), mem.view(np.uint32)), f'{key}: {name} sharded bits differ')
            n = mem.size
            js_std = float(mem.astype(np.float64).std())
            want = expected_std(t['init'], shape)
            row.update({'expected_std': want, 'js_std': js_std, 'reference_std': rstd, 'js_mean': float(mem.astype(np.float64).mean())})
            if want == 0.0:
                check(js_std == 0.0 and rstd == 0.0, f'{key}: {name} is not constant in both')
                check(float(mem.flat[0]) == (1.0 if t['init']['name'] == 'ones' else 0.0), f'{key}: {name} constant value')
            else:
                tol = std_tolerance(n)
                check(abs(js_std / want - 1) <= tol, f'{key}: {name} std {js_std} vs scheme {want}')
                check(abs(rstd / want - 1) <= tol, f'{key}: {name} reference std {rstd} vs scheme {want}')
            rows.append(row)
        out['models'][key] = {'config': m['config'], 'seed': m['seed'], 'tied': m['tied'], 'tensors': rows,
                              'shards': sorted(set(index['weight_map'].values()))}
    out['failures'] = failures
    with open(FIXTURE, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print(json.dumps({'fixture': os.path.relpath(FIXTURE, ROOT), 'failures': failures}))
    if tmp is not None:
        tmp.cleanup()
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
