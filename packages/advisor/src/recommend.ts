import { type RecommendContext, resolveContext } from './context';
import { AdvisorError } from './errors';
import { getPreset } from './presets';
import { emptyDraft, type Recommendation } from './recommendation';
import { rules } from './rules';
import { SOURCES } from './sources';
import { matchUseCase, type UseCaseMatch } from './use-case';
import { valueText } from './value-text';

/**
 * Recommends an initialization for a network, with reasons, alternatives, warnings and sources.
 *
 * Rules are evaluated in order: the preset (if any) fills in missing context fields; the first
 * matching primary rule picks the scheme; every matching modifier then adds roles (recurrent
 * matrices, residual branch ends, forget-gate bias...), warnings and alternatives. With a depth and a
 * known activation, a mean-field check predicts whether the signal survives and may switch to the
 * exact variance-preserving scale when only that one keeps it.
 *
 * With `useCase` (a description in words), the matching row of the source document's use-case table
 * is found by {@link matchUseCase} and its preset applied; the result's `useCase` says which row and on
 * which words.
 *
 * @param context - What is known about the network (all fields optional). Default `{}`.
 * @returns The recommendation; `scheme` and every config inside are ready for `fromConfig` of @init/schemes.
 * @throws {AdvisorError} `INVALID_ARGUMENT` for unknown context keys or wrong types, `UNSUPPORTED`
 *   for unknown names (activation, architecture, preset...) and for a `useCase` that matches no row
 *   clearly (the message lists the closest rows), `TOO_LARGE` for an oversized depth/width.
 * @example
 * ```ts
 * const r = recommend({ activation: 'relu', architecture: 'cnn', depth: 50 });
 * r.scheme; // => { name: 'he_normal', mode: 'fan_in', nonlinearity: 'relu' }
 * r.ruleIds; // => ['relu-he', 'cnn-receptive-field', 'very-deep-plain', 'mean-field-check', 'bias-zero']
 * ```
 */
export function recommend(context: RecommendContext = {}): Recommendation {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    throw new AdvisorError('INVALID_ARGUMENT', 'context', `expected an object, got ${valueText(context)}`);
  }
  const useCase = readUseCase(context);
  const presetName = useCase?.preset ?? context.preset;
  const preset = presetName === undefined ? undefined : getPreset(presetName);
  const rest = withoutUseCase(context);
  const ctx = resolveContext(preset ? { ...rest, preset: preset.name } : rest, preset?.context);
  const draft = emptyDraft();
  if (useCase) {
    draft.assumptions.push(
      `use case: matched the row '${useCase.row}' of the source document's table (preset ${useCase.preset}; the document pairs it with ${useCase.documentChoice}) on the words ${useCase.words.map((w) => `'${w}'`).join(', ')}`,
    );
  }
  let primaryDone = false;
  for (const rule of rules) {
    if (rule.kind === 'primary' && primaryDone) continue;
    if (!rule.matches(ctx)) continue;
    rule.apply(draft, ctx);
    draft.ruleIds.push(rule.id);
    if (rule.kind === 'primary') primaryDone = true;
  }
  if (ctx.target === 'edge' && !draft.ruleIds.includes('edge-sparse')) {
    draft.assumptions.push(
      `target edge: sparse init applies to feed-forward networks only, so this ${ctx.architecture ?? 'network'} keeps its usual scheme; prune or quantize after training to save memory`,
    );
  }
  if (draft.scheme === undefined) {
    throw new AdvisorError('UNSUPPORTED', 'context', 'no rule produced a scheme');
  }
  const out: Recommendation = {
    scheme: draft.scheme,
    ...(draft.bias ? { bias: draft.bias } : {}),
    roles: draft.roles,
    reasons: draft.reasons,
    alternatives: draft.alternatives,
    warnings: draft.warnings,
    sources: [...draft.sources].map((id) => SOURCES[id]),
    ruleIds: draft.ruleIds,
    assumptions: draft.assumptions,
    ...(draft.signal ? { signal: draft.signal } : {}),
    ...(useCase ? { useCase } : {}),
  };
  return out;
}

/** The use-case row a `useCase` description matches (undefined without one); not together with a preset. */
function readUseCase(context: RecommendContext): UseCaseMatch | undefined {
  const text = (context as { useCase?: unknown }).useCase;
  if (text === undefined) return undefined;
  if (context.preset !== undefined) {
    throw new AdvisorError('INVALID_ARGUMENT', 'useCase', 'give either preset or useCase, not both');
  }
  return matchUseCase(text as string);
}

function withoutUseCase(context: RecommendContext): RecommendContext {
  if (!Object.hasOwn(context, 'useCase')) return context;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(context))
    if (key !== 'useCase') out[key] = (context as Record<string, unknown>)[key];
  return out as RecommendContext;
}
