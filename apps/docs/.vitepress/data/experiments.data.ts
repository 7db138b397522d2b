import { defineLoader } from 'vitepress';
import { type ExperimentSummary, readExperiments } from '../../src/experiments';

declare const data: ExperimentSummary[];

export { data };

export default defineLoader({
  watch: ['../../../experiments/results/*.json'],
  load(): ExperimentSummary[] {
    return readExperiments();
  },
});
