/** Service names per profile (PROTOCOL.md "Files"): systemd unit and launchd label. */
export function systemdUnitName(profile: string | undefined): string {
  return profile ? `moltbot-gateway-${profile}.service` : 'moltbot-gateway.service';
}

export function launchdLabel(profile: string | undefined): string {
  return profile ? `bot.molt.${profile}` : 'bot.molt.gateway';
}
