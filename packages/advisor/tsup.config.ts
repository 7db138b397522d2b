import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base';

// The library entry plus the `init-advisor` bin (src/cli.ts keeps its shebang).
export default defineConfig({ ...packageBuild, entry: ['src/index.ts', 'src/cli.ts'] });
