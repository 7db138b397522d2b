import { fromConfig } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { LAYER_KINDS, type LayerKind, type ModelDescription, plan } from './plan';

const mlp: ModelDescription = {
  activation: 'relu',
  layers: [
    { kind: 'dense', shape: [256, 784], name: 'fc1' },
    { kind: 'dense', shape: [256, 256], name: 'fc2' },
    { kind: 'dense', shape: [10, 256], name: 'out' },
  ],
};

function block(id: string, norm: boolean) {
  return [
    { kind: 'conv2d' as const, shape: [16, 16, 3, 3], branch: id, name: `${id}.conv1`, bias: !norm },
    ...(norm ? [{ kind: 'batch_norm' as const, shape: [16], branch: id, name: `${id}.bn1` }] : []),
    {
      kind: 'conv2d' as const,
      shape: [16, 16, 3, 3],
      branch: id,
      name: `${id}.conv2`,
      bias: !norm,
      activation: 'linear' as const,
    },
    ...(norm ? [{ kind: 'batch_norm' as const, shape: [16], branch: id, name: `${id}.bn2` }] : []),
  ];
}

function find(p: ReturnType<typeof plan>, layer: string, parameter = 'weight') {
  const entry = p.parameters.find((x) => x.layer === layer && x.parameter === parameter);
  expect(entry, `${layer}.${parameter}`).toBeDefined();
  return entry!;
}

describe('plan', () => {
  it('gives every weight and bias a valid scheme; hidden by activation, output by Glorot', () => {
    const p = plan(mlp);
    expect(p.parameters).toHaveLength(6);
    for (const x of p.parameters) expect(() => fromConfig(x.scheme)).not.toThrow();
    expect(find(p, 'fc1').scheme.name).toBe('he_normal');
    expect(find(p, 'fc1', 'bias').scheme).toEqual({ name: 'zeros' });
    expect(find(p, 'out').scheme.name).toBe('xavier_uniform');
    expect(find(p, 'out').rule).toBe('plan-output-layer');
    expect(p.signal?.verdict).toBe('healthy');
    expect(p.assumptions.join(' ')).toMatch(/output layer: 'out'/);
  });

  it('residual branches without normalization get Fixup (scaled branches, zero ends, zero classifier)', () => {
    const p = plan({
      activation: 'relu',
      normalization: 'none',
      layers: [
        { kind: 'conv2d', shape: [16, 3, 3, 3], name: 'stem' },
        ...block('b1', false),
        ...block('b2', false),
        ...block('b3', false),
        ...block('b4', false),
        { kind: 'dense', shape: [10, 16], name: 'fc' },
      ],
    });
    expect(find(p, 'b1.conv1').scheme.multiplier).toBeCloseTo(0.5, 15); // 4^(-1/2)
    expect(find(p, 'b1.conv2').scheme).toEqual({ name: 'zeros' });
    expect(find(p, 'fc').scheme).toEqual({ name: 'zeros' });
    expect(find(p, 'fc', 'bias').scheme).toEqual({ name: 'zeros' });
    expect(find(p, 'stem').scheme.name).toBe('he_normal');
    expect(p.signal?.verdict).toBe('healthy');
  });

  it('residual branches with batch norm zero the last norm gain of each branch', () => {
    const p = plan({
      activation: 'relu',
      layers: [
        { kind: 'conv2d', shape: [16, 3, 3, 3] },
        ...block('b1', true),
        { kind: 'dense', shape: [10, 16] },
      ],
    });
    expect(find(p, 'b1.bn1').scheme).toEqual({ name: 'ones' });
    expect(find(p, 'b1.bn2').scheme).toEqual({ name: 'zeros' });
    expect(find(p, 'b1.conv2').scheme.name).toBe('xavier_uniform'); // its own activation is linear: the activation rule, no zeroing
    expect(p.parameters.some((x) => x.layer === 'b1.conv1' && x.parameter === 'bias')).toBe(false);
  });

  it('transformers: 0.02 everywhere, branch-final projections x 1/sqrt(#branches)', () => {
    const layers = [] as ModelDescription['layers'][number][];
    layers.push({ kind: 'embedding', shape: [1000, 64], name: 'tok' });
    for (let i = 0; i < 2; i++) {
      layers.push({ kind: 'layer_norm', shape: [64], branch: `a${i}`, name: `ln_a${i}` });
      layers.push({ kind: 'attention', shape: [64], branch: `a${i}`, name: `attn${i}` });
      layers.push({ kind: 'layer_norm', shape: [64], branch: `m${i}`, name: `ln_m${i}` });
      layers.push({ kind: 'dense', shape: [256, 64], branch: `m${i}`, name: `fc${i}`, activation: 'gelu' });
      layers.push({
        kind: 'dense',
        shape: [64, 256],
        branch: `m${i}`,
        name: `proj${i}`,
        activation: 'linear',
      });
    }
    layers.push({ kind: 'dense', shape: [1000, 64], name: 'head', bias: false });
    const p = plan({ architecture: 'transformer', layers });
    expect(find(p, 'tok').scheme).toEqual({ name: 'normal', mean: 0, std: 0.02 });
    expect(find(p, 'attn0', 'q_proj.weight').scheme).toEqual({ name: 'normal', mean: 0, std: 0.02 });
    expect(find(p, 'attn1', 'out_proj.weight').scheme.multiplier).toBeCloseTo(0.5, 15); // 4 branches
    expect(find(p, 'proj0').scheme.multiplier).toBeCloseTo(0.5, 15);
    expect(find(p, 'fc0').scheme.multiplier).toBeUndefined();
    expect(find(p, 'ln_a0').scheme).toEqual({ name: 'ones' });
    expect(p.parameters.some((x) => x.layer === 'head' && x.parameter === 'bias')).toBe(false);
  });

  it('recurrent layers: orthogonal weight_hh, forget bias in bias_ih only', () => {
    const p = plan({
      layers: [
        { kind: 'lstm', shape: [32, 8], name: 'lstm' },
        { kind: 'dense', shape: [4, 32], name: 'out' },
      ],
    });
    expect(find(p, 'lstm', 'weight_hh').scheme.name).toBe('rnn_orthogonal');
    expect(find(p, 'lstm', 'weight_hh').shape).toEqual([128, 32]);
    expect(find(p, 'lstm', 'weight_ih').shape).toEqual([128, 8]);
    expect(find(p, 'lstm', 'bias_ih').scheme.name).toBe('lstm_forget_bias');
    expect(find(p, 'lstm', 'bias_hh').scheme).toEqual({ name: 'zeros' });
    const g = plan({
      layers: [
        { kind: 'gru', shape: [32, 8] },
        { kind: 'dense', shape: [4, 32] },
      ],
    });
    expect(g.parameters.find((x) => x.parameter === 'weight_hh')!.scheme.gate_order).toEqual(['r', 'z', 'n']);
  });

  it('accepts softmax on the output layer only', () => {
    const p = plan({
      activation: 'relu',
      layers: [
        { kind: 'dense', shape: [8, 4] },
        { kind: 'dense', shape: [3, 8], activation: 'softmax' as never },
      ],
    });
    expect(p.parameters[2]!.scheme.name).toBe('xavier_uniform');
    expect(p.assumptions.join(' ')).toMatch(/softmax output/);
    expect(() =>
      plan({
        layers: [
          { kind: 'dense', shape: [8, 4], activation: 'softmax' as never },
          { kind: 'dense', shape: [3, 8] },
        ],
      }),
    ).toThrow(/only on the output layer/);
  });

  it('validates strictly, with JSON paths', () => {
    const cases: [unknown, string, string][] = [
      [null, 'INVALID_ARGUMENT', 'model'],
      [{ layers: [] }, 'INVALID_ARGUMENT', 'model.layers'],
      [{ layers: 'x' }, 'INVALID_ARGUMENT', 'model.layers'],
      [{ layers: [{ kind: 'dense', shape: [2, 2] }], extra: 1 }, 'INVALID_ARGUMENT', 'model.extra'],
      [
        JSON.parse('{"layers":[{"kind":"dense","shape":[2,2],"activation":"relu"}],"__proto__":{"x":1}}'),
        'INVALID_ARGUMENT',
        'model.__proto__',
      ],
      [
        { layers: [{ kind: 'dense', shape: [2, 2], constructor: 1 }] },
        'INVALID_ARGUMENT',
        'layers[0].constructor',
      ],
      [{ layers: [{ kind: 'fancy', shape: [2, 2] }] }, 'UNSUPPORTED', 'layers[0].kind'],
      [{ layers: [{ kind: 'dense', shape: [2] }] }, 'SHAPE_MISMATCH', 'layers[0].shape'],
      [{ layers: [{ kind: 'dense', shape: [2, -1] }] }, 'INVALID_ARGUMENT', 'layers[0].shape[1]'],
      [{ layers: [{ kind: 'dense', shape: [2, '3'] }] }, 'INVALID_ARGUMENT', 'layers[0].shape[1]'],
      [{ layers: [{ kind: 'dense', shape: [2, 2 ** 40] }] }, 'TOO_LARGE', 'layers[0].shape[1]'],
      [
        { layers: [{ kind: 'dense', shape: [2, 2], activation: 'relu9' }] },
        'UNSUPPORTED',
        'layers[0].activation',
      ],
      [{ layers: [{ kind: 'dense', shape: [2, 2], bias: 'no' }] }, 'INVALID_ARGUMENT', 'layers[0].bias'],
      [
        {
          layers: [
            { kind: 'dense', shape: [2, 2] },
            { kind: 'dense', shape: [2, 2] },
          ],
        },
        'INVALID_ARGUMENT',
        'layers[0].activation',
      ],
      [
        {
          activation: 'relu',
          layers: [
            { kind: 'dense', shape: [2, 2], name: 'a' },
            { kind: 'dense', shape: [2, 2], name: 'a' },
          ],
        },
        'INVALID_ARGUMENT',
        'layers[1].name',
      ],
      [
        {
          activation: 'relu',
          layers: Array.from({ length: 10_001 }, () => ({ kind: 'dense', shape: [2, 2] })),
        },
        'TOO_LARGE',
        'model.layers',
      ],
      [
        {
          activation: 'relu',
          layers: [
            { kind: 'dense', shape: [2, 2], branch: 'x' },
            { kind: 'dense', shape: [2, 2] },
            { kind: 'dense', shape: [2, 2], branch: 'x' },
            { kind: 'dense', shape: [2, 2] },
          ],
        },
        'INVALID_ARGUMENT',
        'layers[2].branch',
      ],
      [
        { architecture: 'quantum', layers: [{ kind: 'dense', shape: [2, 2] }] },
        'UNSUPPORTED',
        'model.architecture',
      ],
    ];
    for (const [model, code, argument] of cases) {
      try {
        plan(model as ModelDescription);
        expect.unreachable(JSON.stringify(model)?.slice(0, 80));
      } catch (e) {
        expect(e, argument).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code, argument).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
      }
    }
  });
});

describe('plan covers every parameter', () => {
  const shapes: Record<LayerKind, number[]> = {
    dense: [8, 6],
    linear: [8, 8],
    conv1d: [8, 8, 3],
    conv2d: [8, 8, 3, 3],
    conv3d: [8, 8, 3, 3, 3],
    embedding: [100, 8],
    rnn: [8, 8],
    lstm: [8, 8],
    gru: [8, 8],
    attention: [8],
    layer_norm: [8],
    batch_norm: [8],
  };
  it('every layer kind, under every architecture and normalization, gets weights and biases whose schemes accept their shapes', () => {
    for (const architecture of [undefined, 'mlp', 'cnn', 'resnet', 'transformer'] as const) {
      for (const normalization of [undefined, 'none', 'batch', 'layer'] as const) {
        const layers = LAYER_KINDS.map((kind, i) => ({
          name: `${kind}${i}`,
          kind,
          shape: shapes[kind],
          ...(i >= 3 && i <= 5 ? { branch: 'b1' } : {}),
        }));
        const model = { activation: 'relu', layers, architecture, normalization } as ModelDescription;
        const label = `${architecture}/${normalization}`;
        const p = plan(model);
        for (const l of layers) {
          const params = p.parameters.filter((x) => x.layer === l.name).map((x) => x.parameter);
          expect(
            params.some((x) => x.includes('weight')),
            `${label} ${l.name}`,
          ).toBe(true);
          expect(params.some((x) => x.includes('bias')) || l.kind === 'embedding', `${label} ${l.name}`).toBe(
            true,
          );
        }
        for (const x of p.parameters) {
          expect(
            () => fromConfig(x.scheme).describe(x.shape),
            `${label} ${x.layer}.${x.parameter}`,
          ).not.toThrow();
        }
      }
    }
  });
});
