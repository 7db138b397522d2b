import { describe, expect, it } from 'vitest';
import { resolveActivation } from './activations';
import { decisionTable, decisionTableMarkdown } from './decision-table';
import { AdvisorError } from './errors';
import { explain } from './explain';
import { gaussHermite } from './gauss-hermite';
import { gaussLegendre } from './gauss-legendre';
import { gaussianExpectation } from './gaussian-expectation';
import { chi1, criticalSigmaW, depthScales, varianceFixedPoint, varianceMap } from './mean-field';
import { plan } from './plan';
import { getPreset } from './presets';
import { recommend } from './recommend';
import { weightStatistics } from './scheme-statistics';
import { propagate, propagateLayers } from './signal-propagation';
import { erf, erfc, normalCdf, normalPdf } from './special-functions';
import { activationMoments, varianceGain } from './variance-gain';

// Every @example in the TSDoc states an output; this file checks each of them.
describe('TSDoc examples', () => {
  it('state their real outputs', () => {
    try {
      varianceGain('relu7' as never);
    } catch (e) {
      expect((e as AdvisorError).code).toBe('UNSUPPORTED');
    }
    expect(resolveActivation({ name: 'leaky_relu', slope: 0.2 }).fn(-1)).toBe(-0.2);
    expect(gaussLegendre(2).nodes[1]).toBe(0.5773502691896257);
    expect(gaussLegendre(2).weights[0]).toBeCloseTo(1, 15);
    expect(gaussHermite(2).nodes[1]).toBeCloseTo(1, 15);
    expect(gaussHermite(2).weights[0]).toBeCloseTo(0.5, 15);
    expect(gaussianExpectation((x) => x * x, { variance: 4 })).toBeCloseTo(4, 14);
    expect(activationMoments('relu').secondMoment).toBeCloseTo(0.5, 15);
    expect(varianceGain('relu')).toBeCloseTo(Math.SQRT2, 15);
    expect(varianceGain('relu', { centered: true })).toBeCloseTo(1.7128585504, 9);
    expect(varianceMap('relu', 1, { sigmaW2: 2 })).toBeCloseTo(1, 14);
    expect(varianceFixedPoint('tanh', { sigmaW2: 1.76, sigmaB2: 0.05 }).q).toBeCloseTo(0.5695, 4);
    expect(chi1('relu', { sigmaW2: 2 })).toBeCloseTo(1, 14);
    expect(criticalSigmaW('relu').sigmaW2).toBeCloseTo(2, 12);
    expect(depthScales('tanh', { sigmaW2: 1, sigmaB2: 0.05 }).phase).toBe('ordered');
    expect(
      propagateLayers([
        { activation: 'relu', sigmaW2: 2 },
        { activation: 'linear', sigmaW2: 1 },
      ]).verdict,
    ).toBe('healthy');
    expect(propagate({ activation: 'relu', depth: 50, sigmaW2: 2 }).verdict).toBe('healthy');
    expect(propagate({ activation: 'relu', depth: 50, sigmaW2: 1 }).verdict).toBe('vanishing');
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erfc(3)).toBeCloseTo(2.209049699858544e-5, 18);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    const r = recommend({ activation: 'relu', architecture: 'cnn', depth: 50 });
    expect(r.scheme).toEqual({ name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' });
    expect(r.ruleIds).toEqual([
      'relu-he',
      'cnn-receptive-field',
      'very-deep-plain',
      'mean-field-check',
      'bias-zero',
    ]);
    expect(decisionTable().find((x) => x.id === 'selu-lecun')?.recommends).toBe(
      'lecun_normal (variance 1/fan_in), biases 0',
    );
    expect(decisionTableMarkdown().split('\n')[0]).toBe('| id | kind | when | recommends | why |');
    const p = plan({
      activation: 'relu',
      layers: [
        { kind: 'dense', shape: [256, 784] },
        { kind: 'dense', shape: [10, 256] },
      ],
    });
    expect(p.parameters.map((x) => x.scheme.name)).toEqual(['he_normal', 'zeros', 'xavier_uniform', 'zeros']);
    expect(explain('glorot_uniform').name).toBe('xavier_uniform');
    expect(getPreset('chatbot_memory').context.architecture).toBe('lstm');
    expect(weightStatistics({ name: 'he_normal' }, [64, 32]).sigmaW2).toBeCloseTo(2, 14);
    expect(() => getPreset('nope')).toThrow(AdvisorError);
  });
});

describe('TSDoc examples of data exports', () => {
  it('state their real values', async () => {
    const m = await import('./index');
    expect(m.ARCHITECTURES.includes('transformer')).toBe(true);
    expect(m.NORMALIZATIONS).toEqual(['none', 'batch', 'layer']);
    expect(m.TARGETS).toEqual(['default', 'edge']);
    expect(m.MAX_RECOMMEND_DEPTH).toBe(100000);
    expect(m.MAX_WIDTH).toBe(10000000);
    expect(m.MAX_DEPTH).toBe(10000);
    expect(m.LAYER_KINDS.includes('lstm')).toBe(true);
    expect(m.PRESETS.map((p) => p.documentChoice)[3]).toBe('Sparse');
    expect(m.PRESET_NAMES[0]).toBe('digit_recognition');
    expect(m.SOURCES.he2015.title.startsWith('He, Zhang')).toBe(true);
    expect(m.rules.find((r) => r.id === 'lstm-gates')?.kind).toBe('primary');
    expect(m.listActivations()[0]).toBe('relu');
    expect(m.SELU_ALPHA).toBe(1.6732632423543772);
    expect(m.SELU_LAMBDA).toBe(1.0507009873554805);
    expect(m.buildScheme({ name: 'glorot_uniform' }).config.name).toBe('xavier_uniform');
  });
});
