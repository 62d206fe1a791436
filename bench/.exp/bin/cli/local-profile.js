import { readConfigFile } from '../../kernel/config/config-file.js';
export function readLocalProfile(paths, env = process.env) {
    let snapshot;
    let readError;
    try {
        snapshot = readConfigFile(paths.configPath);
    }
    catch (err) {
        readError = err.message;
    }
    const config = snapshot?.config ?? {};
    const gw = (config.gateway ?? {});
    const envPort = Number(env.CLAWDBOT_GATEWAY_PORT);
    const hasEnvPort = env.CLAWDBOT_GATEWAY_PORT !== undefined && env.CLAWDBOT_GATEWAY_PORT !== '' && Number.isInteger(envPort) && envPort > 0 && envPort < 65536;
    const port = hasEnvPort ? envPort : typeof gw.port === 'number' ? gw.port : paths.defaultPort;
    const portSource = hasEnvPort ? 'env' : typeof gw.port === 'number' ? 'config' : 'default';
    const auth = gw.auth ?? {};
    const authMode = auth.mode ?? (!auth.token && auth.password ? 'password' : 'token');
    return {
        paths,
        snapshot,
        readError,
        config,
        port,
        portSource,
        bind: typeof gw.bind === 'string' ? gw.bind : 'loopback',
        authMode,
        token: auth.token,
        password: auth.password,
    };
}
/** The host a local client dials for a bind setting: loopback for wildcard binds, the address itself otherwise. */
export function dialHost(bind) {
    if (['loopback', 'auto', 'localhost', 'lan', 'all', '0.0.0.0', '::', 'tailnet'].includes(bind))
        return '127.0.0.1';
    return bind.includes(':') ? `[${bind}]` : bind;
}
//# sourceMappingURL=local-profile.js.map