import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { Flatten } from './flatten';
import { GRU } from './gru';
import { LSTM } from './lstm';
import type { RecurrentLayer } from './recurrent-layer';
import { SimpleRNN } from './rnn';
import { Sequential } from './sequential';

function thrown(fn: () => unknown): NnError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NnError);
    return e as NnError;
  }
  throw new Error('expected an NnError');
}

const KINDS: [string, (o: unknown) => RecurrentLayer][] = [
  ['rnn', (o) => new SimpleRNN(o as never)],
  ['lstm', (o) => new LSTM(o as never)],
  ['gru', (o) => new GRU(o as never)],
];

describe('recurrent layers reject bad input with NnError', () => {
  for (const [kind, make] of KINDS) {
    it(`${kind}: a non-sequence input fails at build time, naming the layer path`, () => {
      const e = thrown(() => make({ hiddenSize: 4 }).build([6], 'encoder.rec'));
      expect(e.code).toBe('SHAPE_MISMATCH');
      expect(e.argument).toBe('inputShape');
      expect(e.message).toContain('encoder.rec');
      expect(e.message).toContain('[time, features]');
    });

    it(`${kind}: inside a Sequential, the child's path is in the message`, () => {
      const net = new Sequential({ flat: new Flatten(), rec: make({ hiddenSize: 3 }) });
      const e = thrown(() => net.build([5, 2], 'model'));
      expect(e.code).toBe('SHAPE_MISMATCH');
      expect(e.message).toContain('model.rec');
    });

    it(`${kind}: unknown options get a suggestion`, () => {
      const a = thrown(() => make({ hiddenSiz: 4 }));
      expect([a.code, a.argument]).toEqual(['INVALID_ARGUMENT', 'hiddenSiz']);
      expect(a.message).toContain("did you mean 'hiddenSize'?");
      const b = thrown(() => make({ hiddenSize: 4, returnSequence: true }));
      expect(b.message).toContain("did you mean 'returnSequences'?");
    });

    it(`${kind}: missing, fractional, huge or non-finite hiddenSize`, () => {
      expect(thrown(() => make({})).argument).toBe('hiddenSize');
      expect(thrown(() => make(undefined)).argument).toBe('hiddenSize');
      expect(thrown(() => make({ hiddenSize: 2.5 })).code).toBe('INVALID_ARGUMENT');
      expect(thrown(() => make({ hiddenSize: 2 ** 20 })).code).toBe('INVALID_ARGUMENT');
      expect(thrown(() => make({ hiddenSize: Number.NaN })).code).toBe('NOT_FINITE');
      expect(thrown(() => make({ hiddenSize: 4n })).argument).toBe('hiddenSize');
      expect(thrown(() => make({ hiddenSize: 4, bias: 'yes' })).argument).toBe('bias');
      expect(thrown(() => make(null)).code).toBe('INVALID_ARGUMENT');
    });

    it(`${kind}: forward/backward with wrong batches, lengths and order`, () => {
      const layer = make({ hiddenSize: 4, returnSequences: true });
      expect(thrown(() => layer.forward(new Float32Array(10), 1, true)).code).toBe('INVALID_STATE');
      layer.build([5, 2], 'rec');
      expect(thrown(() => layer.backward(new Float32Array(20), 1)).code).toBe('INVALID_STATE');
      const x = thrown(() => layer.forward(new Float32Array(9), 1, true));
      expect([x.code, x.argument]).toEqual(['SHAPE_MISMATCH', 'x']);
      expect(thrown(() => layer.forward(new Float32Array(10), 0, true)).argument).toBe('batch');
      expect(thrown(() => layer.forward([1, 2] as never, 1, true)).argument).toBe('x');
      // A batch whose state cannot exist is refused before anything is allocated.
      expect(thrown(() => layer.forward(new Float32Array(10), 2 ** 40, true)).code).toBe('TOO_LARGE');
      layer.forward(new Float32Array(10), 1, true);
      const d = thrown(() => layer.backward(new Float32Array(4), 1));
      expect([d.code, d.argument]).toEqual(['SHAPE_MISMATCH', 'dy']);
      expect(thrown(() => layer.backward(new Float32Array(40), 2)).code).toBe('INVALID_STATE');
    });

    it(`${kind}: build twice, and sequences too long to allocate`, () => {
      const layer = make({ hiddenSize: 4 });
      layer.build([3, 2], 'rec');
      expect(thrown(() => layer.build([3, 2], 'rec')).code).toBe('INVALID_STATE');
      expect(thrown(() => make({ hiddenSize: 65_536 }).build([2 ** 20, 1], 'rec')).code).toBe('TOO_LARGE');
    });
  }

  it('SimpleRNN: an unknown nonlinearity suggests the close one', () => {
    const e = thrown(() => new SimpleRNN({ hiddenSize: 4, nonlinearity: 'rleu' as never }));
    expect(e.argument).toBe('nonlinearity');
    expect(e.message).toContain("did you mean 'relu'?");
    expect(thrown(() => new LSTM({ hiddenSize: 4, nonlinearity: 'tanh' } as never)).argument).toBe(
      'nonlinearity',
    );
  });
});

const hostile = fc.oneof(
  fc.anything(),
  fc.constant(null),
  fc.constant(Object.create(null) as unknown),
  fc.bigInt(),
  fc.constant(Symbol('s')),
  fc.double(),
  fc.integer({ min: -3, max: 1e9 }),
);

describe('property: constructors, build, forward and backward throw only NnError', () => {
  it('constructors with hostile option objects', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.record(
          {
            hiddenSize: hostile,
            returnSequences: hostile,
            bias: hostile,
            nonlinearity: hostile,
            extra: hostile,
          },
          { requiredKeys: [] },
        ),
        (k, options) => {
          try {
            (KINDS[k] as (typeof KINDS)[number])[1](options);
          } catch (e) {
            if (!(e instanceof NnError)) throw e;
          }
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  });

  it('build and a forward/backward pair with hostile shapes, batches and arrays (bounded time)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 5 }),
        fc.oneof(fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 3 }), hostile),
        fc.oneof(fc.integer({ min: -1, max: 4 }), hostile),
        fc.integer({ min: 0, max: 120 }),
        fc.boolean(),
        (k, hiddenSize, shape, batch, length, returnSequences) => {
          try {
            const layer = (KINDS[k] as (typeof KINDS)[number])[1]({ hiddenSize, returnSequences });
            layer.build(shape as never, 'p');
            const y = layer.forward(new Float32Array(length), batch as never, true);
            for (const v of y) if (!Number.isFinite(v)) throw new Error('non-finite output');
            layer.backward(new Float32Array(y.length), batch as never);
          } catch (e) {
            if (!(e instanceof NnError)) throw e;
          }
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});
