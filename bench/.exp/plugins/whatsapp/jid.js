/** WhatsApp addresses: `<digits>@s.whatsapp.net` for people, `<id>@g.us` for groups. */
export function isGroupJid(jid) {
    return jid.endsWith('@g.us');
}
/** `+1 555 123 4567`, `15551234567` or a JID → a JID we can send to; undefined when it is neither. */
export function toJid(to) {
    const trimmed = to.trim();
    if (trimmed.includes('@'))
        return trimmed;
    const digits = trimmed.replace(/[\s()\-.]/g, '').replace(/^\+/, '');
    return /^[0-9]{5,16}$/.test(digits) ? `${digits}@s.whatsapp.net` : undefined;
}
/** A person's JID (device suffix `:12` dropped) → E.164 (`+15551234567`). */
export function jidToE164(jid) {
    const user = jid.split('@')[0].split(':')[0];
    return /^[0-9]+$/.test(user) ? `+${user}` : user;
}
/** The JID without its device suffix, to compare ours with mentions. */
export function bareJid(jid) {
    const [user, server] = jid.split('@');
    return `${user.split(':')[0]}@${server ?? 's.whatsapp.net'}`;
}
//# sourceMappingURL=jid.js.map