import { InitError } from './errors';
import type { SchemeConfig } from './initializer';
import { fromConfig } from './registry';

/**
 * Returns a copy of `config` once `fromConfig` has accepted it, so the configs the depth and width
 * helpers return never fail later. An error of the config is re-thrown with `argument` prefixed
 * (e.g. `'base.name'`).
 */
export function checkedConfig(config: unknown, argument: string): SchemeConfig {
  try {
    fromConfig(config as SchemeConfig);
    return { ...(config as SchemeConfig) };
  } catch (e) {
    if (!(e instanceof InitError)) throw e;
    const inner = e.message.startsWith(`${e.argument}: `)
      ? e.message.slice(e.argument.length + 2)
      : e.message;
    throw new InitError(e.code, e.argument === 'config' ? argument : `${argument}.${e.argument}`, inner);
  }
}
