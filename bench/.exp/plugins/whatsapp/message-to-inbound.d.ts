import type { InboundMessage } from '../../sdk/index.js';
/** The parts of Baileys' WAMessage we read. */
export interface WAMessageLike {
    key: {
        remoteJid?: string | null;
        fromMe?: boolean | null;
        id?: string | null;
        participant?: string | null;
    };
    message?: Record<string, any> | null;
    pushName?: string | null;
    messageTimestamp?: number | {
        toNumber(): number;
    } | null;
}
/**
 * A Baileys message as the router sees it: text from plain, extended text or media captions,
 * the quoted message appended, and "mentioned" when our JID is @mentioned or quoted.
 */
export declare function messageToInbound(msg: WAMessageLike, accountId: string, selfJid: string | undefined): InboundMessage | undefined;
