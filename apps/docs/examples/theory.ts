// The numbers on the Theory page.
import {
  chi1,
  criticalSigmaW,
  depthScales,
  propagate,
  varianceFixedPoint,
  varianceGain,
} from '@init/advisor';

export function gainsExample() {
  // #region gains
  const relu = varianceGain('relu'); // sqrt 2: E[relu(z)^2] = 1/2
  const tanh = varianceGain('tanh'); // 1.5925..., not PyTorch's 5/3
  const selu = varianceGain('selu'); // 1: SELU is built to keep unit variance
  const centered = varianceGain('relu', { centered: true }); // when each weight row has zero mean
  // #endregion gains
  return { relu, tanh, selu, centered };
}

export function meanFieldExample() {
  // #region mean-field
  const edge = criticalSigmaW('tanh', Math.sqrt(0.05)); // sigma_w^2 = 1.7609..., q* = 0.5700..., chi_1 = 1
  const ordered = { sigmaW2: 1, sigmaB2: 0.05 };
  const fixed = varianceFixedPoint('tanh', ordered); // where the variance settles
  const slope = chi1('tanh', ordered); // < 1: ordered phase, nearby inputs converge
  const scales = depthScales('tanh', ordered); // how many layers a signal survives
  const report = propagate({ activation: 'tanh', depth: 100, sigmaW2: 1 });
  // #endregion mean-field
  return {
    edge,
    qStar: fixed.q,
    phase: scales.phase,
    slope,
    xiGrad: scales.xiGrad,
    verdict: report.verdict,
    summary: report.summary,
  };
}
