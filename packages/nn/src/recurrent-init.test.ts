import { plan } from '@init/advisor';
import { chronoBias, fromConfig, lstmForgetBias, type SchemeConfig } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { Dense } from './dense';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { Model } from './model';
import type { RecurrentLayer } from './recurrent-layer';
import { SimpleRNN } from './rnn';

const H = 4;
const IN = 3;

/** Asks the advisor for a plan of the layer alone and fills each parameter with its scheme. */
function autoInit(layer: RecurrentLayer, seed: number): Map<string, SchemeConfig> {
  const info = layer.advisorLayer();
  const result = plan({
    layers: [
      { name: 'rec', kind: info.kind, shape: [...info.shape], bias: info.bias, activation: info.activation },
    ],
  });
  const schemes = new Map<string, SchemeConfig>();
  for (const p of layer.parameters()) {
    const entry = result.parameters.find((x) => x.parameter === p.localName);
    expect(entry, p.localName).toBeDefined();
    const scheme = (entry as { scheme: SchemeConfig }).scheme;
    expect(entry?.shape, p.localName).toEqual(p.shape);
    fromConfig(scheme).fill(p.value, p.shape, `${seed}:${p.name}`);
    schemes.set(p.localName, scheme);
  }
  return schemes;
}

function param(layer: RecurrentLayer, name: string): Float32Array {
  const p = layer.parameters().find((q) => q.localName === name);
  if (p === undefined) throw new Error(`no ${name}`);
  return p.value;
}

/** Largest |Bᵀ B - I| over the `rows x cols` block of `w` starting at row `r0` (rows ≥ cols). */
function orthogonalityError(w: Float32Array, r0: number, rows: number, cols: number): number {
  let worst = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let s = 0;
      for (let r = 0; r < rows; r++)
        s += (w[(r0 + r) * cols + a] as number) * (w[(r0 + r) * cols + b] as number);
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

describe("recurrent layers and the recipes of @init/schemes ('auto' via @init/advisor)", () => {
  it('LSTM: the advisor plan puts the forget bias on the f block of bias_ih and nowhere else', () => {
    const lstm = new LSTM({ hiddenSize: H });
    lstm.build([7, IN], 'rec');
    const schemes = autoInit(lstm, 1);
    expect(schemes.get('weight_hh')?.name).toBe('rnn_orthogonal');
    expect(schemes.get('weight_hh')?.gate_order).toEqual([...lstm.gateOrder]);
    const bi = param(lstm, 'bias_ih');
    const bh = param(lstm, 'bias_hh');
    const f = lstm.gateOrder.indexOf('f');
    expect(f).toBe(1);
    for (let k = 0; k < 4 * H; k++) {
      const inForget = k >= f * H && k < (f + 1) * H;
      expect(bi[k], `bias_ih[${k}]`).toBe(inForget ? 1 : 0);
      expect(bh[k], `bias_hh[${k}]`).toBe(0);
    }
  });

  for (const [name, make, gates] of [
    ['rnn', () => new SimpleRNN({ hiddenSize: H }), 1],
    ['lstm', () => new LSTM({ hiddenSize: H }), 4],
    ['gru', () => new GRU({ hiddenSize: H }), 3],
  ] as const) {
    it(`${name}: weight_hh is orthogonal in every gate block, the other biases start at 0`, () => {
      const layer: RecurrentLayer = make();
      layer.build([5, IN], 'rec');
      autoInit(layer, 2);
      const w = param(layer, 'weight_hh');
      expect(w.length).toBe(gates * H * H);
      for (let g = 0; g < gates; g++)
        expect(orthogonalityError(w, g * H, H, H), `block ${g}`).toBeLessThan(1e-5);
      if (name !== 'lstm') {
        expect(Array.from(param(layer, 'bias_ih')).every((v) => v === 0)).toBe(true);
        expect(Array.from(param(layer, 'bias_hh')).every((v) => v === 0)).toBe(true);
      }
      // weight_ih was drawn (not left at zero).
      expect(Array.from(param(layer, 'weight_ih')).some((v) => v !== 0)).toBe(true);
    });
  }

  it("Model init 'auto' (the package's own path): forget bias on the f slice only, weight_hh orthogonal per gate", () => {
    const model = new Model([new LSTM({ hiddenSize: H }), new Dense({ units: 2 })], {
      inputShape: [6, IN],
      seed: 5,
    });
    const lstm = model.layer('0') as LSTM;
    const bi = param(lstm, 'bias_ih');
    const bh = param(lstm, 'bias_hh');
    for (let k = 0; k < 4 * H; k++) {
      expect(bi[k], `bias_ih[${k}]`).toBe(k >= H && k < 2 * H ? 1 : 0);
      expect(bh[k], `bias_hh[${k}]`).toBe(0);
    }
    const w = param(lstm, 'weight_hh');
    for (let g = 0; g < 4; g++) expect(orthogonalityError(w, g * H, H, H), `block ${g}`).toBeLessThan(1e-5);
    const records = model.initRecords();
    expect(records.find((r) => r.name === '0.weight_hh')?.scheme.name).toBe('rnn_orthogonal');
    expect(records.find((r) => r.name === '0.bias_ih')?.scheme.name).toBe('lstm_forget_bias');
  });

  it('GRU: the plan uses the r, z, n gate order of the layer', () => {
    const gru = new GRU({ hiddenSize: H });
    gru.build([5, IN], 'rec');
    expect(autoInit(gru, 3).get('weight_hh')?.gate_order).toEqual(['r', 'z', 'n']);
    expect(gru.advisorLayer()).toMatchObject({ kind: 'gru', shape: [H, IN], gateOrder: ['r', 'z', 'n'] });
  });

  it('a ReLU RNN tells the advisor its nonlinearity', () => {
    const rnn = new SimpleRNN({ hiddenSize: H, nonlinearity: 'relu' });
    rnn.build([5, IN], 'rec');
    expect(rnn.advisorLayer()).toMatchObject({ kind: 'rnn', activation: 'relu', gateOrder: ['h'] });
  });

  it('chrono_bias with the layer gate order writes b_f = log(u) in the f block, b_i = -b_f, g and o zero', () => {
    const lstm = new LSTM({ hiddenSize: H });
    lstm.build([50, IN], 'rec');
    const b = param(lstm, 'bias_ih');
    chronoBias({ tMax: 50, gateOrder: lstm.gateOrder }).fill(b, [4 * H], 7);
    for (let j = 0; j < H; j++) {
      const bf = b[H + j] as number;
      expect(bf).toBeGreaterThanOrEqual(0);
      expect(bf).toBeLessThanOrEqual(Math.log(49) + 1e-6);
      expect(b[j]).toBe(-bf);
      expect(b[2 * H + j]).toBe(0);
      expect(b[3 * H + j]).toBe(0);
    }
  });
});

describe('the gate blocks the recipes write are the gates the layers compute', () => {
  /** One unit, one input: g (LSTM) or n (GRU) follows tanh(x); everything else is set by biases. */
  function lstmLastOutput(forgetBias: number): number {
    const lstm = new LSTM({ hiddenSize: 1 });
    lstm.build([3, 1], 'rec');
    param(lstm, 'weight_ih')[2] = 1; // g block: g_t = tanh(x_t)
    const b = param(lstm, 'bias_ih');
    lstmForgetBias({ value: forgetBias, gateOrder: lstm.gateOrder }).fill(b, [4]);
    b[0] = 20; // i ≈ 1
    b[3] = 20; // o ≈ 1
    // x = [0.5, 0, 0]: c_0 = tanh(0.5); afterwards only the forget gate keeps it.
    return lstm.forward(new Float32Array([0.5, 0, 0]), 1, false)[0] as number;
  }

  it('LSTM: the slice lstm_forget_bias writes is the forget gate (memory kept at +20, lost at -20)', () => {
    expect(lstmLastOutput(20)).toBeCloseTo(Math.tanh(Math.tanh(0.5)), 5);
    expect(Math.abs(lstmLastOutput(-20))).toBeLessThan(1e-6);
  });

  it('GRU: a large bias on the z block freezes the state (h_t = z h_{t-1} + (1 - z) n)', () => {
    const run = (zBias: number) => {
      const gru = new GRU({ hiddenSize: 1 });
      gru.build([3, 1], 'rec');
      param(gru, 'weight_ih')[2] = 1; // n block
      param(gru, 'bias_ih')[gru.gateOrder.indexOf('z')] = zBias;
      return gru.forward(new Float32Array([0.5, 0.5, 0.5]), 1, false)[0] as number;
    };
    expect(Math.abs(run(20))).toBeLessThan(1e-6);
    expect(run(-20)).toBeCloseTo(Math.tanh(0.5), 5);
  });
});
