import { fromConfig, parameterStream } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { gpt2Parameters } from './gpt2-model';
import { llamaParameters } from './llama-model';
import { materialize } from './materialize';
import { modelParameters } from './model-source';
import { plan } from './plan';

const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const total = (m: { parameters: readonly { shape: readonly number[] }[] }): number =>
  m.parameters.reduce((a, p) => a + numel(p.shape), 0);

function errorOf(run: () => unknown): AdvisorError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AdvisorError);
    return e as AdvisorError;
  }
  throw new Error('expected an AdvisorError');
}

describe('gpt2Parameters', () => {
  const small = { n_layer: 12, n_head: 12, n_embd: 768, vocab_size: 50257, n_positions: 1024 };

  it('GPT-2 124M has the 124,439,808 parameters of the Hugging Face checkpoint (lm_head tied)', () => {
    const m = gpt2Parameters(small);
    expect(total(m)).toBe(124_439_808);
    expect(m.parameters.length).toBe(2 + 12 * 12 + 2);
    expect(m.tied).toEqual([{ name: 'lm_head.weight', to: 'transformer.wte.weight' }]);
    expect(
      total(gpt2Parameters({ n_layer: 48, n_head: 25, n_embd: 1600, vocab_size: 50257, n_positions: 1024 })),
    ).toBe(1_557_611_200);
  });

  it('uses Conv1D [in, out] shapes, N(0, 0.02²), c_proj scaled by 1/sqrt(2·n_layer), LayerNorm 1/0', () => {
    const m = gpt2Parameters(small);
    const byName = new Map(m.parameters.map((p) => [p.name, p]));
    expect(byName.get('transformer.h.3.attn.c_attn.weight')).toEqual({
      name: 'transformer.h.3.attn.c_attn.weight',
      shape: [768, 2304],
      init: { name: 'normal', std: 0.02 },
      layout: 'keras',
    });
    expect(byName.get('transformer.h.3.mlp.c_fc.weight')?.shape).toEqual([768, 3072]);
    expect(byName.get('transformer.h.3.mlp.c_proj.weight')?.shape).toEqual([3072, 768]);
    for (const n of ['transformer.h.0.attn.c_proj.weight', 'transformer.h.11.mlp.c_proj.weight']) {
      expect(byName.get(n)?.init).toEqual({ name: 'normal', std: 0.02 / Math.sqrt(24) });
    }
    expect(byName.get('transformer.h.0.ln_1.weight')?.init).toEqual({ name: 'ones' });
    expect(byName.get('transformer.ln_f.bias')?.init).toEqual({ name: 'zeros' });
    expect(byName.get('transformer.h.0.attn.c_attn.bias')?.init).toEqual({ name: 'zeros' });
    expect(m.parameters.filter((p) => p.name.endsWith('.bias')).every((p) => p.init.name === 'zeros')).toBe(
      true,
    );
    expect(m.parameters.slice(0, 4).map((p) => p.name)).toEqual([
      'transformer.wte.weight',
      'transformer.wpe.weight',
      'transformer.h.0.ln_1.weight',
      'transformer.h.0.ln_1.bias',
    ]);
  });

  it('reads n_inner and initializer_range, ignores the other keys of a Hugging Face config.json', () => {
    const m = gpt2Parameters({
      ...small,
      n_layer: 2,
      n_inner: 100,
      initializer_range: 0.01,
      activation_function: 'gelu_new',
      n_ctx: 1024,
    } as never);
    expect(m.parameters.find((p) => p.name === 'transformer.h.1.mlp.c_fc.weight')?.shape).toEqual([768, 100]);
    expect(m.parameters[0]?.init).toEqual({ name: 'normal', std: 0.01 });
  });

  it('rejects bad configs naming the key', () => {
    expect(errorOf(() => gpt2Parameters({ ...small, n_layers: 3 } as never)).message).toMatch(
      /did you mean 'n_layer'/,
    );
    expect(errorOf(() => gpt2Parameters({ ...small, n_head: 5 })).argument).toBe('config.n_embd');
    expect(errorOf(() => gpt2Parameters({ ...small, n_embd: 1.5 })).argument).toBe('config.n_embd');
    expect(errorOf(() => gpt2Parameters({ ...small, vocab_size: 2 ** 40 })).code).toBe('TOO_LARGE');
    expect(errorOf(() => gpt2Parameters({ ...small, n_positions: undefined } as never)).argument).toBe(
      'config.n_positions',
    );
    expect(errorOf(() => gpt2Parameters(null as never)).argument).toBe('config');
  });
});

describe('llamaParameters', () => {
  const tiny = {
    hidden_size: 64,
    intermediate_size: 172,
    num_hidden_layers: 2,
    num_attention_heads: 8,
    num_key_value_heads: 2,
    vocab_size: 100,
  };

  it('lists LlamaForCausalLM parameters in state-dict order with grouped-query k/v', () => {
    const m = llamaParameters(tiny);
    expect(m.parameters.slice(0, 10).map((p) => `${p.name} ${p.shape.join('x')}`)).toEqual([
      'model.embed_tokens.weight 100x64',
      'model.layers.0.self_attn.q_proj.weight 64x64',
      'model.layers.0.self_attn.k_proj.weight 16x64',
      'model.layers.0.self_attn.v_proj.weight 16x64',
      'model.layers.0.self_attn.o_proj.weight 64x64',
      'model.layers.0.mlp.gate_proj.weight 172x64',
      'model.layers.0.mlp.up_proj.weight 172x64',
      'model.layers.0.mlp.down_proj.weight 64x172',
      'model.layers.0.input_layernorm.weight 64',
      'model.layers.0.post_attention_layernorm.weight 64',
    ]);
    expect(m.parameters.at(-1)?.name).toBe('lm_head.weight');
    expect(m.parameters.every((p) => !p.name.endsWith('.bias'))).toBe(true);
    expect(
      m.parameters.filter((p) => p.name.endsWith('norm.weight')).every((p) => p.init.name === 'ones'),
    ).toBe(true);
  });

  it('a tied head is not stored; Llama-2-7B has 6,738,415,616 parameters', () => {
    const tied = llamaParameters({ ...tiny, tie_word_embeddings: true });
    expect(tied.parameters.some((p) => p.name === 'lm_head.weight')).toBe(false);
    expect(tied.tied).toEqual([{ name: 'lm_head.weight', to: 'model.embed_tokens.weight' }]);
    const seven = llamaParameters({
      hidden_size: 4096,
      intermediate_size: 11008,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      vocab_size: 32000,
      rms_norm_eps: 1e-5,
    } as never);
    expect(total(seven)).toBe(6_738_415_616);
  });

  it('pad_token_id marks the zero row of embed_tokens, negative ones counted from the end', () => {
    const embedOf = (pad: number | null | undefined) =>
      llamaParameters({ ...tiny, pad_token_id: pad }).parameters.find(
        (p) => p.name === 'model.embed_tokens.weight',
      );
    expect(embedOf(0)?.paddingRow).toBe(0);
    expect(embedOf(99)?.paddingRow).toBe(99);
    expect(embedOf(-1)?.paddingRow).toBe(99);
    expect(embedOf(-100)?.paddingRow).toBe(0);
    expect(embedOf(null)?.paddingRow).toBeUndefined();
    expect(embedOf(undefined)?.paddingRow).toBeUndefined();
    // Only the embedding has one; the untied head is drawn in full.
    const m = llamaParameters({ ...tiny, pad_token_id: 3 });
    expect(m.parameters.filter((p) => p.paddingRow !== undefined).map((p) => p.name)).toEqual([
      'model.embed_tokens.weight',
    ]);
    expect(m.notes).toContain('row 3 of model.embed_tokens.weight (pad_token_id) is zero');
  });

  it('rejects bad configs naming the key', () => {
    expect(errorOf(() => llamaParameters({ ...tiny, num_key_value_heads: 3 })).argument).toBe(
      'config.num_key_value_heads',
    );
    expect(errorOf(() => llamaParameters({ ...tiny, hiden_size: 3 } as never)).message).toMatch(
      /did you mean 'hidden_size'/,
    );
    for (const pad of [100, -101, 1.5, '0', true]) {
      const e = errorOf(() => llamaParameters({ ...tiny, pad_token_id: pad } as never));
      expect([e.code, e.argument], String(pad)).toEqual(['INVALID_ARGUMENT', 'config.pad_token_id']);
    }
    expect(errorOf(() => llamaParameters({ ...tiny, tie_word_embeddings: 'yes' } as never)).argument).toBe(
      'config.tie_word_embeddings',
    );
  });
});

describe('modelParameters', () => {
  const description = {
    architecture: 'mlp' as const,
    activation: 'relu' as const,
    layers: [
      { name: 'fc1', kind: 'dense' as const, shape: [16, 8] },
      { name: 'out', kind: 'dense' as const, shape: [4, 16] },
    ],
  };

  it('accepts a plan, its CLI envelope, a model description and a list', () => {
    const p = plan(description);
    const fromPlan = modelParameters(p);
    expect(fromPlan.parameters.map((q) => q.name)).toEqual(
      p.parameters.map((q) => `${q.layer}.${q.parameter}`),
    );
    expect(modelParameters({ command: 'plan', result: p }).parameters).toEqual(fromPlan.parameters);
    expect(modelParameters(description).parameters).toEqual(fromPlan.parameters);
    const list = [{ name: 'w', shape: [3, 2], init: { name: 'xavier_uniform' } }];
    expect(modelParameters(list).parameters).toEqual(list);
    expect(modelParameters({ parameters: list }).parameters).toEqual(list);
  });

  it('rejects bad lists with the entry named', () => {
    expect(errorOf(() => modelParameters([{ name: 'w', shape: [3], init: 'orthogonal' }])).argument).toBe(
      'parameters[0].init.shape',
    );
    expect(errorOf(() => modelParameters([{ name: 'w', shape: [3], init: 'nope' }])).argument).toBe(
      'parameters[0].init.name',
    );
    expect(
      errorOf(() =>
        modelParameters([
          { name: 'w', shape: [3], init: 'zeros' },
          { name: 'w', shape: [3], init: 'zeros' },
        ]),
      ).argument,
    ).toBe('parameters[1].name');
    expect(errorOf(() => modelParameters([{ name: 'w', shape: [-3], init: 'zeros' }])).argument).toBe(
      'parameters[0].shape',
    );
    expect(
      errorOf(() => modelParameters([{ name: 'w', shape: [3], init: 'zeros', std: 1 } as never])).argument,
    ).toBe('parameters[0].std');
    expect(errorOf(() => modelParameters({ hello: 1 } as never)).argument).toBe('model');
    expect(
      errorOf(() => modelParameters([{ name: 'w', shape: [2 ** 26, 2 ** 26], init: 'zeros' }])).code,
    ).toBe('TOO_LARGE');
  });

  it('a paddingRow is kept, and must index the first dimension', () => {
    const entry = { name: 'e', shape: [3, 2], init: { name: 'normal' }, paddingRow: 2 };
    expect(modelParameters([entry]).parameters).toEqual([entry]);
    for (const row of [3, -1, 1.5, '1', null]) {
      const e = errorOf(() => modelParameters([{ ...entry, paddingRow: row } as never]));
      expect([e.code, e.argument], String(row)).toEqual(['INVALID_ARGUMENT', 'parameters[0].paddingRow']);
    }
    const scalar = errorOf(() => modelParameters([{ name: 's', shape: [], init: 'ones', paddingRow: 0 }]));
    expect([scalar.code, scalar.argument]).toEqual(['SHAPE_MISMATCH', 'parameters[0].paddingRow']);
    const zeroRows = errorOf(() =>
      modelParameters([{ name: 'z', shape: [0, 4], init: 'ones', paddingRow: 0 }]),
    );
    expect(zeroRows.argument).toBe('parameters[0].paddingRow');
  });
});

describe('materialize', () => {
  it('each tensor equals fromConfig(init)(shape, parameterStream(seed, name)), bit for bit', () => {
    const m = materialize(
      { n_layer: 2, n_head: 2, n_embd: 8, vocab_size: 30, n_positions: 6 },
      { seed: 'run-1' },
    );
    expect(m.tensors.length).toBe(28);
    for (const t of m.tensors) {
      const want = fromConfig(t.init)(t.shape, parameterStream('run-1', t.name)).data;
      expect(t.data).toEqual(want);
    }
    const again = materialize(
      { n_layer: 2, n_head: 2, n_embd: 8, vocab_size: 30, n_positions: 6 },
      { seed: 'run-1' },
    );
    expect(again.tensors[0]?.data).toEqual(m.tensors[0]?.data);
  });

  it('float64 output and option errors', () => {
    const m = materialize([{ name: 'w', shape: [4, 2], init: 'he_normal' }], { dtype: 'float64' });
    expect(m.tensors[0]?.data).toBeInstanceOf(Float64Array);
    expect(errorOf(() => materialize([], { seeds: 1 } as never)).message).toMatch(/did you mean 'seed'/);
    expect(errorOf(() => materialize([], { seed: -1 })).argument).toBe('seed');
    expect(errorOf(() => materialize([], { dtype: 'bf16' as never })).argument).toBe('dtype');
    expect(
      errorOf(() => materialize([{ name: 'w', shape: [100, 100], init: 'zeros' }], { maxElements: 10 })).code,
    ).toBe('TOO_LARGE');
  });
});

describe('TSDoc examples of the model functions state their real outputs', () => {
  it('gpt2Parameters, llamaParameters, modelParameters, materialize, checkSeed, fillParameter', async () => {
    const { checkSeed, fillParameter } = await import('./materialize');
    const g = gpt2Parameters({ n_layer: 2, n_head: 2, n_embd: 8, vocab_size: 50, n_positions: 16 });
    expect([g.parameters.length, g.parameters[4]?.name, g.parameters[4]?.shape]).toEqual([
      28,
      'transformer.h.0.attn.c_attn.weight',
      [8, 24],
    ]);
    const l = llamaParameters({
      hidden_size: 16,
      intermediate_size: 32,
      num_hidden_layers: 1,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      vocab_size: 10,
    });
    expect(l.parameters.map((p) => p.shape.join('x'))).toEqual([
      '10x16',
      '16x16',
      '8x16',
      '8x16',
      '16x16',
      '32x16',
      '32x16',
      '16x32',
      '16',
      '16',
      '16',
      '10x16',
    ]);
    expect(modelParameters([{ name: 'w', shape: [4, 3], init: 'he_normal' }]).parameters[0]?.init).toEqual({
      name: 'he_normal',
    });
    const m = materialize({ n_layer: 1, n_head: 1, n_embd: 4, vocab_size: 8, n_positions: 4 }, { seed: 1 });
    expect([m.tensors.length, m.elements, m.tied[0]?.name]).toEqual([16, 300, 'lm_head.weight']);
    expect(checkSeed(undefined)).toBe(0);
    const { nearestKey } = await import('./model-config-keys');
    expect(nearestKey('n_layers', ['n_layer', 'n_head'])).toBe('n_layer');
    expect(
      fillParameter({ name: 'b', shape: [3], init: { name: 'ones' } }, 0, 'float32').fill(
        new Float32Array(2),
        1,
      ),
    ).toEqual(new Float32Array([1, 1]));
  });
});
