/** Reads and writes the scheme settings of a view (`s_*` or `w_*` keys) in the state. */
import type { SchemeSettings } from '../scheme-catalog';
import type { AppState } from '../state/schema';

export function readSchemeSettings(state: AppState, prefix: 's' | 'w'): SchemeSettings {
  const s = state as unknown as Record<string, unknown>;
  return {
    scheme: s[`${prefix}_scheme`] as SchemeSettings['scheme'],
    gain: s[`${prefix}_gain`] as number,
    std: s[`${prefix}_std`] as number,
    scale: s[`${prefix}_scale`] as number,
    mode: s[`${prefix}_mode`] as SchemeSettings['mode'],
    sparsity: s[`${prefix}_sparsity`] as number,
    mult: s[`${prefix}_mult`] as number,
  };
}

export function writeSchemeSettings(state: AppState, prefix: 's' | 'w', v: SchemeSettings): void {
  const s = state as unknown as Record<string, unknown>;
  for (const k of ['scheme', 'gain', 'std', 'scale', 'mode', 'sparsity', 'mult'] as const)
    s[`${prefix}_${k}`] = v[k];
}
