let sdkParentUrl;
export function initialize(data) {
    sdkParentUrl = data.parentURL;
}
export async function resolve(specifier, context, nextResolve) {
    if (sdkParentUrl && (specifier === 'moltbot-gateway/sdk' || specifier.startsWith('moltbot-gateway/sdk/'))) {
        // Resolve as if imported from inside the gateway package (package self-reference).
        return nextResolve(specifier, { ...context, parentURL: sdkParentUrl });
    }
    return nextResolve(specifier, context);
}
//# sourceMappingURL=sdk-resolve-hook.js.map