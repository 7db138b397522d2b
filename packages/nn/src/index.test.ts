import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@init/nn public surface', () => {
  it('names itself', () => {
    expect(api.PACKAGE_NAME).toBe('@init/nn');
  });
});
