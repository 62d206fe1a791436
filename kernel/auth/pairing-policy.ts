/** What the handshake knows when a device proved the shared secret (or a trusted identity). */
export interface SecretApprovalInput {
  /** `gateway.pairing.autoApproveWithSecret` (default true). */
  autoApproveWithSecret: boolean;
  /** The connect carried an Origin header: a web page opened it. */
  browser: boolean;
  /** The peer is this machine (a loopback address, not a proxied Tailscale Serve client). */
  local: boolean;
  /** The device already holds a token for this role (approved before). */
  paired: boolean;
}

/**
 * May a new device that proved the shared secret be approved on the spot (docs/nodes.md
 * "Who waits for an operator")? A device approved before stays approved. Otherwise: never when
 * `autoApproveWithSecret` is off; never for a browser on another machine, since a page that
 * learned the secret (a leaked dashboard link) must not pair itself from anywhere; else yes.
 */
export function approvesOnSecret(input: SecretApprovalInput): boolean {
  if (input.paired) return true;
  if (!input.autoApproveWithSecret) return false;
  return !(input.browser && !input.local);
}
