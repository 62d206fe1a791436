import { describe, expect, it } from 'vitest';
import { jidToE164, toJid } from './jid.js';
import { markdownToWhatsApp } from './markdown-to-whatsapp.js';
import { messageToInbound } from './message-to-inbound.js';

const SELF = '15559990000:7@s.whatsapp.net';

describe('messageToInbound', () => {
  it('reads plain, extended and captioned text from a DM', () => {
    const m = (message: object) =>
      messageToInbound(
        { key: { remoteJid: '4915112345@s.whatsapp.net', id: 'X' }, message, pushName: 'Jo', messageTimestamp: 10 },
        'default',
        SELF,
      );
    expect(m({ conversation: 'a' })).toEqual({
      channel: 'whatsapp',
      accountId: 'default',
      messageId: 'X',
      chatId: '4915112345@s.whatsapp.net',
      chatType: 'direct',
      senderId: '+4915112345',
      senderName: 'Jo',
      text: 'a',
      mentioned: true,
      ts: 10_000,
    });
    expect(m({ extendedTextMessage: { text: 'b' } })?.text).toBe('b');
    expect(m({ imageMessage: { caption: 'c' } })?.text).toBe('c');
    expect(m({ imageMessage: {} })?.text).toBe('[image]');
    expect(m({ ephemeralMessage: { message: { conversation: 'd' } } })?.text).toBe('d');
  });

  it('marks group messages mentioned only when our JID is mentioned or quoted', () => {
    const g = (ctx?: object) =>
      messageToInbound(
        {
          key: { remoteJid: '1203@g.us', id: 'G', participant: '111@s.whatsapp.net' },
          message: { extendedTextMessage: { text: 'hey', ...(ctx ? { contextInfo: ctx } : {}) } },
        },
        'default',
        SELF,
      )!;
    expect(g().mentioned).toBe(false);
    expect(g({ mentionedJid: ['15559990000@s.whatsapp.net'] }).mentioned).toBe(true);
    expect(g({ mentionedJid: ['222@s.whatsapp.net'] }).mentioned).toBe(false);
    const quoted = g({ participant: '15559990000@s.whatsapp.net', quotedMessage: { conversation: 'earlier' } });
    expect(quoted.mentioned).toBe(true);
    expect(quoted.text).toBe('hey\n[replying to: earlier]');
    expect(quoted.senderId).toBe('+111');
  });

  it('skips our own messages, status broadcasts and empty ones', () => {
    expect(
      messageToInbound(
        { key: { remoteJid: '1@s.whatsapp.net', id: 'a', fromMe: true }, message: { conversation: 'x' } },
        'd',
        SELF,
      ),
    ).toBeUndefined();
    expect(
      messageToInbound({ key: { remoteJid: 'status@broadcast', id: 'a' }, message: { conversation: 'x' } }, 'd', SELF),
    ).toBeUndefined();
    expect(
      messageToInbound(
        { key: { remoteJid: '1@s.whatsapp.net', id: 'a' }, message: { protocolMessage: {} } },
        'd',
        SELF,
      ),
    ).toBeUndefined();
  });
});

describe('addresses and markup', () => {
  it('converts between E.164 and JIDs', () => {
    expect(toJid('+1 (555) 000-1111')).toBe('15550001111@s.whatsapp.net');
    expect(toJid('1203@g.us')).toBe('1203@g.us');
    expect(toJid('not a number')).toBeUndefined();
    expect(jidToE164('15550001111:12@s.whatsapp.net')).toBe('+15550001111');
  });

  it('renders Markdown as WhatsApp markup', () => {
    expect(markdownToWhatsApp('**b** *i* ~~s~~ `c` [l](https://x.y)')).toBe('*b* _i_ ~s~ ```c``` l (https://x.y)');
  });
});
