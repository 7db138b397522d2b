import { type DecisionRow, decisionTable, PRESETS, type Preset } from '@init/advisor';
import { defineLoader } from 'vitepress';

/** What the decision guide renders, taken at build time from the rule data the advisor runs. */
export interface AdvisorData {
  readonly rows: DecisionRow[];
  readonly presets: readonly Preset[];
}

declare const data: AdvisorData;

export { data };

export default defineLoader({
  load(): AdvisorData {
    return { rows: decisionTable(), presets: PRESETS };
  },
});
