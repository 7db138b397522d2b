import { describe, expect, it } from 'vitest';
import * as api from './index';

describe('@init/linalg public surface', () => {
  it('names itself', () => {
    expect(api.PACKAGE_NAME).toBe('@init/linalg');
  });
});
