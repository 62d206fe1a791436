import { describe, expect, it } from 'vitest';
import { urlForLog } from './url-for-log.js';

describe('urlForLog', () => {
  it('keeps the path and drops the query', () => {
    expect(urlForLog('/v1/models?token=abc&x=1')).toBe('/v1/models?…');
    expect(urlForLog('/hooks/wake')).toBe('/hooks/wake');
    expect(urlForLog(undefined)).toBeUndefined();
  });
});
