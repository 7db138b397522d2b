import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@init/nn public surface', () => {
  it('names itself and exports its error class', () => {
    expect(api.PACKAGE_NAME).toBe('@init/nn');
    expect(new api.NnError('INVALID_ARGUMENT', 'x', 'bad')).toBeInstanceOf(Error);
  });
});
