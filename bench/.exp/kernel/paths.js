import os from 'node:os';
import path from 'node:path';
export const DEFAULT_PORT = 18789;
export const DEV_PORT = 19001;
const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export function isValidProfileName(name) {
    return PROFILE_NAME.test(name) && name !== 'dev';
}
export function resolvePaths(options = {}) {
    const env = options.env ?? process.env;
    const home = options.home ?? env.HOME ?? os.homedir();
    const profile = options.dev ? 'dev' : options.profile;
    const suffix = profile ? `-${profile}` : '';
    const stateDir = env.CLAWDBOT_STATE_DIR ? path.resolve(env.CLAWDBOT_STATE_DIR) : path.join(home, `.clawdbot${suffix}`);
    const configPath = env.CLAWDBOT_CONFIG_PATH ? path.resolve(env.CLAWDBOT_CONFIG_PATH) : path.join(stateDir, 'moltbot.json');
    const logDir = path.join(stateDir, 'logs');
    return {
        profile,
        stateDir,
        configPath,
        logDir,
        logFile: path.join(logDir, 'gateway.log'),
        workspaceDir: path.join(home, profile === 'dev' ? 'clawd-dev' : `clawd${suffix}`),
        databasePath: path.join(stateDir, 'moltbot.sqlite'),
        credentialsDir: path.join(stateDir, 'credentials'),
        defaultPort: profile === 'dev' ? DEV_PORT : DEFAULT_PORT,
    };
}
/** Ports derived from the base port B (PROTOCOL.md "Other ports"). */
export function derivedPorts(base) {
    return {
        gateway: base,
        browserControl: base + 2,
        extensionRelay: base + 3,
        canvasHost: base + 4,
        cdpRangeStart: base + 11,
    };
}
//# sourceMappingURL=paths.js.map