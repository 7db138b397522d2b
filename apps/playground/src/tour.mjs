// `pnpm start` (root) runs this tour of the built packages until the interactive playground exists.
import { propagate, recommend, varianceGain } from '@init/advisor';
import { orthogonalityError, view } from '@init/linalg';
import { createRng } from '@init/rng';
import { heNormal, orthogonal } from '@init/schemes';

const line = (title) => console.log(`\n== ${title}`);

line('@init/rng: one seed, the same bits everywhere');
const rng = createRng('init');
const head = rng.fillNormal(new Float32Array(4));
console.log(`createRng('init').fillNormal(4) -> [${Array.from(head, (v) => v.toFixed(6)).join(', ')}]`);
const layer = rng.fork('encoder.0.weight');
console.log(`fork('encoder.0.weight') is ${layer.algorithm}, independent of creation order`);

line('@init/advisor: which initialization, and why');
const advice = recommend({ activation: 'relu', architecture: 'mlp', depth: 3 });
console.log(`recommend({ activation: 'relu', architecture: 'mlp' }) -> ${JSON.stringify(advice.scheme)}`);
for (const reason of advice.reasons.slice(0, 2)) console.log(`  - ${reason}`);
console.log(`varianceGain('gelu') = ${varianceGain('gelu').toFixed(5)} (He's sqrt(2) is for relu only)`);
console.log(
  `tanh at sigma_w^2 = 1, 100 layers: ${propagate({ activation: 'tanh', depth: 100, sigmaW2: 1 }).summary}`,
);

line('@init/schemes: He normal for a 256 x 784 dense layer (PyTorch layout [out, in])');
const he = heNormal({ nonlinearity: 'relu' });
const d = he.describe([256, 784]);
console.log(`${d.formula}; fan_in = ${d.fanIn}, std = ${d.std?.toFixed(6)}`);
const w = he([256, 784], createRng(0));
let sq = 0;
for (const v of w.data) sq += v * v;
console.log(
  `sampled with seed 0: ${w.data.length} float32 values, empirical std = ${Math.sqrt(sq / w.data.length).toFixed(6)}`,
);

line('@init/schemes + @init/linalg: orthogonal 512 x 512');
const t0 = performance.now();
const q = orthogonal({ gain: 1 })([512, 512], createRng('ortho'));
const ms = performance.now() - t0;
console.log(
  `orthogonal([512, 512]) in ${ms.toFixed(1)} ms, max|QᵀQ - I| = ${orthogonalityError(view(q.data, 512, 512)).toExponential(2)}`,
);
