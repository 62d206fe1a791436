import { describe, expect, it } from 'vitest';
import { approvesOnSecret } from './pairing-policy.js';

const base = { autoApproveWithSecret: true, browser: false, local: true, paired: false };

describe('approvesOnSecret', () => {
  it('approves a CLI or app with the secret, from this machine or another', () => {
    expect(approvesOnSecret(base)).toBe(true);
    expect(approvesOnSecret({ ...base, local: false })).toBe(true);
  });

  it('makes a browser on another machine wait even with the secret; a local browser is approved', () => {
    expect(approvesOnSecret({ ...base, browser: true, local: false })).toBe(false);
    expect(approvesOnSecret({ ...base, browser: true, local: true })).toBe(true);
  });

  it('autoApproveWithSecret: false makes every new device wait', () => {
    for (const local of [true, false])
      for (const browser of [true, false])
        expect(approvesOnSecret({ ...base, autoApproveWithSecret: false, local, browser })).toBe(false);
  });

  it('a device approved before stays approved', () => {
    expect(approvesOnSecret({ ...base, autoApproveWithSecret: false, browser: true, local: false, paired: true })).toBe(
      true,
    );
  });
});
