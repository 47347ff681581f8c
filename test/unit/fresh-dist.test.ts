import { describe, expect, it } from 'vitest';
import { staleReason } from '../helpers/global-setup';

describe('the built CLI the end-to-end tests spawn', () => {
  it('is at least as new as every source it is built from (global setup rebuilt it otherwise)', () => {
    expect(staleReason()).toBeUndefined();
  });
});
