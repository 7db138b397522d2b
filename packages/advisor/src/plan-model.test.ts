import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { plan } from './plan';
import { LAYER_PLANNERS } from './plan-layers';
import { KINDS } from './plan-model';

describe('plan input checks', () => {
  const cases: [unknown, string, string, RegExp?][] = [
    [
      { layers: [{ kind: 'dense', shape: [2, 2] }], activaton: 'relu' },
      'INVALID_ARGUMENT',
      'model.activaton',
      /did you mean 'activation'/,
    ],
    [
      { activation: 'relu', layers: [{ kind: 'dense', shap: [2, 2] }] },
      'INVALID_ARGUMENT',
      'layers[0].shap',
      /did you mean 'shape'/,
    ],
    [{ activation: 'relu', layers: new Array(2) }, 'INVALID_ARGUMENT', 'layers[0]'],
    [
      { activation: 'relu', layers: [{ kind: 'dense', shape: [2, 2n] }] },
      'INVALID_ARGUMENT',
      'layers[0].shape[1]',
      /BigInt/,
    ],
    [
      { activation: 'relu', layers: [{ kind: 'dense', shape: [2, 2], bias: 1n }] },
      'INVALID_ARGUMENT',
      'layers[0].bias',
      /BigInt/,
    ],
    [
      { activation: 'relu', layers: [{ kind: 'dense', shape: [2, 2], name: Object.create(null) }] },
      'INVALID_ARGUMENT',
      'layers[0].name',
    ],
    [Object.create(null), 'INVALID_ARGUMENT', 'model.layers'],
  ];
  for (const [model, code, argument, message] of cases) {
    it(`rejects ${argument} with ${code}`, () => {
      try {
        plan(model as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
        if (message) expect((e as AdvisorError).message).toMatch(message);
      }
    });
  }
  it('has one planner for every layer kind', () => {
    expect(Object.keys(LAYER_PLANNERS).sort()).toEqual([...KINDS].sort());
  });
});
