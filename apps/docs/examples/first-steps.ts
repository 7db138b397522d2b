// First examples, one per package (shown on the Getting started page).

// #region rng
import { createRng } from '@init/rng';

export function rngExample() {
  const rng = createRng('my-experiment'); // a seed may be a string or a number
  const encoder = rng.fork('encoder.0.weight'); // an independent stream named by the parameter
  const draws = encoder.normalArray(4, 0, 1); // Float64Array of 4 standard-normal values
  const again = createRng('my-experiment').fork('encoder.0.weight').normalArray(4, 0, 1);
  return { draws: Array.from(draws), sameBits: draws.every((v, i) => v === again[i]) };
}

// #endregion rng

// #region linalg
import { fromArray, orthogonalityError, qr, toArray } from '@init/linalg';

export function linalgExample() {
  const a = fromArray([
    [2, 1],
    [1, 3],
    [0, 1],
  ]);
  const { q, r } = qr(a); // reduced QR: q is 3 x 2 with orthonormal columns, r is 2 x 2 upper triangular
  if (q === undefined) throw new Error("qr returns q unless mode is 'r'");
  return { qError: orthogonalityError(q), r: toArray(r) };
}

// #endregion linalg

// #region schemes
import { fromConfig, heNormal, orthogonal } from '@init/schemes';

export function schemesExample() {
  const init = heNormal({ nonlinearity: 'relu' });
  const w = init([256, 784], 42); // PyTorch layout [out, in]; the seed makes it reproducible
  const std = init.describe([256, 784]).std; // sqrt(2 / 784)
  const q = orthogonal()([64, 64], 1); // a Haar-random orthogonal matrix
  const same = fromConfig({ name: 'kaiming_normal', nonlinearity: 'relu' }); // JSON config, PyTorch name
  return { length: w.data.length, dtype: w.dtype, std, qShape: q.shape, sameName: same.config.name };
}

// #endregion schemes

// #region advisor
import { recommend, varianceGain } from '@init/advisor';

export function advisorExample() {
  const advice = recommend({ activation: 'relu', architecture: 'cnn', depth: 50 });
  return {
    scheme: advice.scheme, // a ready @init/schemes config
    rules: advice.ruleIds, // which rules of the decision table fired
    geluGain: varianceGain('gelu'), // the exact variance-preserving gain of GELU
  };
}

// #endregion advisor

// #region nn
import { Activation, Dense, evaluate, fit, Model, xor } from '@init/nn';

export function nnExample() {
  const data = xor({ n: 200, rng: 5 });
  const model = new Model(
    [new Dense({ units: 16 }), new Activation({ name: 'tanh' }), new Dense({ units: 2 })],
    { inputShape: [2], init: 'auto', seed: 3 }, // 'auto': the advisor picks each parameter's scheme
  );
  const result = fit(model, data, {
    optimizer: { kind: 'adam', lr: 0.05 },
    epochs: 60,
    batchSize: 32,
    seed: 1,
  });
  return { status: result.status, accuracy: evaluate(model, data).accuracy };
}
// #endregion nn
