import { expect, it } from 'vitest';
import { APP_NAME } from './index';

it('names itself', () => {
  expect(APP_NAME).toBe('docs');
});
