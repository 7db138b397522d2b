import type { DepthScales } from './mean-field';
import type { PropagationReport } from './signal-propagation';

function fmt(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

/**
 * One sentence that reconciles the phase at the fixed point with the verdict over the actual depth,
 * when they seem to disagree (a critical chi_1 beside 'vanishing', an ordered phase beside 'exploding'...).
 * chi_1 is a property of the fixed point q*; the verdict follows the network from its first layer's
 * variance q_1, which may be far from q* (or move toward it only slowly), and may be set by the bias.
 *
 * @param scales - Depth scales at (sigma_w^2, sigma_b^2).
 * @param report - The layer-by-layer prediction at the same point.
 * @param sigmaB2 - The bias variance used.
 * @returns The explanation, or undefined when phase and verdict agree.
 */
export function phaseNote(
  scales: DepthScales,
  report: PropagationReport,
  sigmaB2: number,
): string | undefined {
  const { verdict } = report;
  const first = report.layers[0];
  const last = report.layers[report.layers.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const agrees =
    (verdict === 'healthy' && scales.phase === 'critical') ||
    (verdict === 'vanishing' && scales.phase === 'ordered' && report.lostIn === 'backward') ||
    (verdict === 'exploding' && scales.phase === 'chaotic' && report.lostIn === 'backward');
  if (agrees) return undefined;
  const depth = report.layers.length;
  const where = `chi_1 = ${fmt(scales.chi1)} (${scales.phase}) describes the network at its fixed point q* = ${fmt(scales.qStar)}`;
  if (verdict === 'healthy') {
    return `${where}; over these ${depth} layers the gradient changes by a factor e only every xi_grad = ${fmt(scales.xiGrad)} layers, too slowly to leave the healthy band yet.`;
  }
  if (report.lostIn === 'forward' && scales.qStar === 0) {
    return `${where}: the variance map contracts toward q* = 0, so the signal itself fades layer by layer (only algebraically slowly when critical) and the forward variance falls out of the band within ${depth} layers.`;
  }
  if (report.lostIn === 'forward') {
    const biasDominated = sigmaB2 >= 0.5 * scales.qStar;
    return `${where}, but the first layer starts at q_1 = ${fmt(first.q)} and the variance moves from there toward q* (it settles over about xi_q = ${fmt(scales.xiQ)} layers)${biasDominated ? `; q* is set mostly by the bias (sigma_b^2 = ${fmt(sigmaB2)})` : ''}, so the ratio q_l / q_1 leaves the band on the way.`;
  }
  if (report.lostIn === 'saturation') {
    return `${where}, which is large for a bounded activation: the units sit in their flat tails and keep less than 25% of their slope.`;
  }
  return `${where}, but the gradient is measured from q_1 = ${fmt(first.q)} on, where the per-layer gradient factor is not yet chi_1, so the gradient norm leaves the band within ${depth} layers.`;
}
