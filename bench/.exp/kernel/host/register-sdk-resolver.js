import { register } from 'node:module';
let registered = false;
/** Install the resolve hook once per process, before the first third-party plugin import. */
export function registerSdkResolver() {
    if (registered)
        return;
    registered = true;
    register('./sdk-resolve-hook.js', { parentURL: import.meta.url, data: { parentURL: import.meta.url } });
}
//# sourceMappingURL=register-sdk-resolver.js.map