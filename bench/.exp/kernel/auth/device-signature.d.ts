/** A signature's `signedAt` may differ from our clock by at most this much. */
export declare const SIGNED_AT_SKEW_MS: number;
export interface DeviceBlock {
    id: string;
    publicKey: string;
    signature: string;
    signedAt: number;
    nonce?: string;
}
export interface SignedFields {
    clientId: string;
    clientMode: string;
    role: string;
    scopes: readonly string[];
    token: string | undefined;
}
export type DeviceCheck = {
    ok: true;
    version: 'v1' | 'v2';
} | {
    ok: false;
    reason: string;
};
/** The exact string a device signs (PROTOCOL.md "Device identity"). */
export declare function devicePayload(version: 'v1' | 'v2', device: {
    id: string;
    signedAt: number;
    nonce?: string;
}, f: SignedFields): string;
export declare function deviceIdFromPublicKey(publicKeyB64url: string): string | undefined;
/**
 * Verify a device block: the id is the SHA-256 of the key, `signedAt` is fresh, and the
 * Ed25519 signature covers the v2 payload with our challenge nonce (v1 without nonce only from loopback).
 */
export declare function verifyDevice(device: DeviceBlock, fields: SignedFields, challengeNonce: string, isLoopback: boolean, now?: number): DeviceCheck;
