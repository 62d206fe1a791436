/**
 * What each model provider last did, for `status`: an unreachable or blackholed provider shows
 * here (with its error) instead of only in the failed run. One record per provider name.
 */
export interface ProviderHealthEntry {
  ok: boolean;
  lastOkAt?: number;
  lastErrorAt?: number;
  lastError?: { code: string; message: string; model: string };
}

export class ProviderHealth {
  private readonly entries = new Map<string, ProviderHealthEntry>();

  succeeded(provider: string): void {
    const entry = this.entries.get(provider) ?? { ok: true };
    entry.ok = true;
    entry.lastOkAt = Date.now();
    this.entries.set(provider, entry);
  }

  failed(provider: string, model: string, error: { code?: string; message?: string }): void {
    const entry = this.entries.get(provider) ?? { ok: false };
    entry.ok = false;
    entry.lastErrorAt = Date.now();
    entry.lastError = { code: error.code ?? 'GW_ERR_AGENT_PROVIDER_FAILED', message: error.message ?? '', model };
    this.entries.set(provider, entry);
  }

  snapshot(): Record<string, ProviderHealthEntry> {
    return Object.fromEntries([...this.entries].map(([name, entry]) => [name, { ...entry }]));
  }
}
