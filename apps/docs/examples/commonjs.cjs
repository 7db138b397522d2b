// CommonJS: every package also ships a require() build.
// #region cjs
const { heNormal } = require('@init/schemes');
const { recommend } = require('@init/advisor');

const w = heNormal()([128, 64], 7);
console.log(w.shape.join('x'), recommend({ activation: 'tanh' }).scheme.name);
// #endregion cjs
