/** Service names per profile (PROTOCOL.md "Files"): systemd unit and launchd label. */
export function systemdUnitName(profile) {
    return profile ? `moltbot-gateway-${profile}.service` : 'moltbot-gateway.service';
}
export function launchdLabel(profile) {
    return profile ? `bot.molt.${profile}` : 'bot.molt.gateway';
}
//# sourceMappingURL=service-names.js.map