/** WhatsApp addresses: `<digits>@s.whatsapp.net` for people, `<id>@g.us` for groups. */
export declare function isGroupJid(jid: string): boolean;
/** `+1 555 123 4567`, `15551234567` or a JID → a JID we can send to; undefined when it is neither. */
export declare function toJid(to: string): string | undefined;
/** A person's JID (device suffix `:12` dropped) → E.164 (`+15551234567`). */
export declare function jidToE164(jid: string): string;
/** The JID without its device suffix, to compare ours with mentions. */
export declare function bareJid(jid: string): string;
