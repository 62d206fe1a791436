/** Service names per profile (PROTOCOL.md "Files"): systemd unit and launchd label. */
export declare function systemdUnitName(profile: string | undefined): string;
export declare function launchdLabel(profile: string | undefined): string;
