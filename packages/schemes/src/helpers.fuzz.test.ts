import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContract, hostileNumber, hostileOptions, hostileValue, runProperty } from '../test/contract';
import * as api from './index';

const positive = fc.oneof(fc.integer({ min: 1, max: 64 }), hostileNumber);
const config = fc.oneof(
  fc.constantFrom(
    { name: 'he_normal', mode: 'fan_out' },
    { name: 'normal', std: 0.02 },
    { name: 'normal', std: 0.02, multiplier: 1e300 },
    { name: 'nonexistent' },
    { name: 'xavier_uniform', gian: 1 },
  ),
  hostileOptions(
    ['name', 'std', 'multiplier', 'mode'],
    fc.oneof(fc.constantFrom('normal', 'zeros', 'fan_in'), hostileNumber),
  ),
  hostileValue,
);

/** Every config a helper returns is accepted by fromConfig. */
function configsAccepted(value: unknown): void {
  if (value === null || typeof value !== 'object' || value instanceof api.InitError) return;
  for (const v of Object.values(value)) {
    if (v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') {
      expect(() => api.fromConfig(v as api.SchemeConfig)).not.toThrow();
    }
  }
  if (typeof (value as { name?: unknown }).name === 'string') api.fromConfig(value as api.SchemeConfig);
}

describe('contract of the depth, width and sparse helpers (property-based)', () => {
  it('fixupScale, fixup, tFixup, gpt2Residual, residualGate', () => {
    runProperty(
      fc.property(positive, positive, config, (a, b, base) => {
        checkContract(() => api.fixupScale(a as number, b as number));
        configsAccepted(
          checkContract(() =>
            api.fixup({
              numBranches: a as number,
              layersPerBranch: b as number,
              base: base as api.SchemeConfig,
            }),
          ),
        );
      }),
      400,
    );
    runProperty(
      fc.property(
        hostileOptions(
          [
            'numBranches',
            'layersPerBranch',
            'base',
            'encoderLayers',
            'decoderLayers',
            'modelDim',
            'numLayers',
            'std',
            'value',
          ],
          positive,
        ),
        (o) => {
          configsAccepted(checkContract(() => api.fixup(o as never)));
          configsAccepted(checkContract(() => api.tFixup(o as never)));
          configsAccepted(checkContract(() => api.gpt2Residual(o as never)));
          configsAccepted(checkContract(() => api.residualGate(o as never)));
        },
      ),
      600,
    );
  });

  it('mupMultiplier and mup', () => {
    const role = fc.oneof(fc.constantFrom('input', 'hidden', 'output', 'bias'), hostileValue);
    runProperty(
      fc.property(
        hostileOptions(['role', 'width', 'baseWidth', 'zeroReadout'], fc.oneof(role, positive, fc.boolean())),
        fc.record({
          role,
          width: positive,
          baseWidth: positive,
          zeroReadout: fc.option(fc.boolean(), { nil: undefined }),
        }),
        config,
        (o, r, base) => {
          checkContract(() => api.mupMultiplier(o as api.MupOptions));
          checkContract(() => api.mupMultiplier(r as api.MupOptions));
          configsAccepted(checkContract(() => api.mup(base as api.SchemeConfig, r as api.MupOptions)));
          configsAccepted(checkContract(() => api.mup(base as api.SchemeConfig, o as api.MupOptions)));
        },
      ),
      600,
    );
  });

  it('orthogonalFactors', () => {
    const dim = fc.oneof(fc.integer({ min: 0, max: 40 }), hostileNumber);
    runProperty(
      fc.property(
        fc.oneof(fc.tuple(dim, dim), fc.array(dim, { maxLength: 3 }), hostileValue),
        fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), hostileValue),
        fc.oneof(
          hostileOptions(['gain', 'dtype'], fc.oneof(hostileNumber, fc.constantFrom('float32', 'float64'))),
          hostileValue,
        ),
        (shape, rng, options) => {
          const f = checkContract(() =>
            api.orthogonalFactors(shape as number[], rng as number, options as never),
          );
          if (f instanceof api.InitError) return;
          const { rows, cols, blocks, columnScale } = f as api.OrthogonalFactors;
          expect(columnScale.length).toBe(cols);
          expect(blocks.reduce((a, b) => a + b.v.cols, 0)).toBe(rows > 0 ? cols : 0);
        },
      ),
      600,
    );
  });

  it('toCsr', () => {
    runProperty(
      fc.property(
        fc.oneof(fc.float32Array({ maxLength: 12 }), fc.float64Array({ maxLength: 12 }), hostileValue),
        fc.oneof(fc.integer({ min: 0, max: 6 }), hostileNumber),
        fc.oneof(fc.integer({ min: 0, max: 6 }), hostileNumber),
        (data, rows, cols) => {
          // The values stored are the caller's: only the sizes must be finite.
          const csr = checkContract(
            () => api.toCsr(data as Float32Array, rows as number, cols as number),
            false,
          );
          if (!(csr instanceof api.InitError))
            expect(Number.isFinite((csr as api.CsrMatrix).bytes)).toBe(true);
        },
      ),
      600,
    );
  });
});

/** Modules of this package whose exports the property-based suites above and in contract.fuzz.test.ts cover. */
const COVERED_MODULES = [
  'constant',
  'delta-orthogonal',
  'dirac',
  'errors',
  'fans',
  'gain',
  'he',
  'identity',
  'initializer',
  'keras',
  'layout',
  'lecun',
  'limits',
  'normal',
  'orthogonal',
  'orthogonal-factors',
  'placement',
  'recurrent',
  'registry',
  'residual',
  'shape',
  'sparse',
  'tensor',
  'truncated-normal',
  'uniform',
  'variance-scaling',
  'width',
  'xavier',
  'zer-o',
];
/** Exports of those modules that are not functions to fuzz (classes, constants, types are not values). */
const NOT_CALLED = new Set(['InitError', 'TRUNCATION_CORRECTION', 'MAX_ELEMENTS', 'FLOAT32_MAX']);
/** Every exported function of those modules, and where it is fuzzed. */
const FUZZED = new Set([
  'zeros',
  'ones',
  'constant',
  'uniform',
  'normal',
  'truncatedNormal',
  'randomSmall',
  'varianceScaling',
  'xavierUniform',
  'glorotUniform',
  'xavierNormal',
  'glorotNormal',
  'xavierTruncatedNormal',
  'heUniform',
  'kaimingUniform',
  'heNormal',
  'kaimingNormal',
  'heTruncatedNormal',
  'lecunUniform',
  'lecunNormal',
  'lecunTruncatedNormal',
  'orthogonal',
  'orthogonalFactors',
  'deltaOrthogonal',
  'identity',
  'eye',
  'dirac',
  'zerO',
  'sparse',
  'rnnOrthogonal',
  'rnnIdentity',
  'lstmForgetBias',
  'chronoBias',
  'fromConfig',
  'listSchemes',
  'computeFans',
  'calculateGain',
  'fromKerasConfig',
  'fixupScale',
  'fixup',
  'tFixup',
  'gpt2Residual',
  'residualGate',
  'mupMultiplier',
  'mup',
  'toCsr',
]);

describe('the property-based suites cover every public function', () => {
  it('lists every value exported from the covered modules', () => {
    const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    const names: string[] = [];
    for (const m of index.matchAll(/export\s*\{([^}]*)\}\s*from\s*'\.\/([\w-]+)'/g)) {
      if (!COVERED_MODULES.includes(m[2] as string)) continue;
      for (const part of (m[1] as string).split(',')) {
        const item = part.trim();
        if (item === '' || item.startsWith('type ')) continue;
        names.push((item.split(/\s+as\s+/).pop() as string).trim());
      }
    }
    expect(names.length).toBeGreaterThan(40);
    const missing = names.filter((n) => !FUZZED.has(n) && !NOT_CALLED.has(n));
    expect(missing, 'exported functions without a property-based test').toEqual([]);
    for (const n of FUZZED) expect(typeof (api as Record<string, unknown>)[n], n).toBe('function');
  });
});
