/**
 * The health snapshot (PROTOCOL.md `health`). `ok` is true when the gateway listens and every
 * enabled plugin is active; a failed plugin or a rejected config edit is listed with its reason.
 */
export function buildHealthSnapshot(inputs) {
    const started = performance.now();
    const plugins = (inputs.host?.list() ?? []).filter((p) => p.enabled || p.state === 'failed');
    const channels = {};
    for (const adapter of inputs.registries?.channels.values() ?? []) {
        try {
            channels[adapter.id] = adapter.status();
        }
        catch (err) {
            channels[adapter.id] = { linked: false, accounts: [], error: err.message };
        }
    }
    const primary = Object.entries(channels).find(([, c]) => c.linked)?.[0] ?? Object.keys(channels)[0];
    const sessions = inputs.registries?.services.get('sessions');
    const failed = plugins.filter((p) => p.state === 'failed');
    const snapshot = {
        ok: inputs.listening && failed.length === 0,
        ts: Date.now(),
        durationMs: 0,
        channels,
        plugins: plugins.map((p) => ({ id: p.id, version: p.version, state: p.state, generation: p.generation, ...(p.lastError ? { error: p.lastError.message, errorCode: p.lastError.code } : {}) })),
        sessions: { count: typeof sessions?.count === 'function' ? sessions.count() : 0 },
    };
    if (primary)
        snapshot.linkChannel = { id: primary, linked: channels[primary].linked };
    if (inputs.configError)
        snapshot.configError = inputs.configError;
    snapshot.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    return snapshot;
}
//# sourceMappingURL=health.js.map