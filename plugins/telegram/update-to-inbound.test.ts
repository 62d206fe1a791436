import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { updateToInbound, withoutOwnHandle } from './update-to-inbound.js';

const me = { id: 99, is_bot: true, first_name: 'Bot', username: 'my_bot' } as UserFromGetMe;
const base = {
  message_id: 5,
  date: 1700000000,
  from: { id: 7, is_bot: false, first_name: 'Ann', last_name: 'Lee', username: 'ann' },
};

describe('updateToInbound', () => {
  it('maps a private text message', () => {
    const out = updateToInbound(
      { update_id: 1, message: { ...base, chat: { id: 7, type: 'private', first_name: 'Ann' }, text: 'hi' } } as Update,
      'main',
      me,
    );
    expect(out?.message).toEqual({
      channel: 'telegram',
      accountId: 'main',
      messageId: '5',
      chatId: '7',
      chatType: 'direct',
      senderId: '7',
      senderName: 'Ann Lee',
      senderUsername: 'ann',
      text: 'hi',
      mentioned: true,
      ts: 1700000000000,
    });
    expect(out?.media).toEqual([]);
  });

  it('detects mentions, commands addressed to the bot and replies to it in groups', () => {
    const group = { id: -5, type: 'group', title: 'G' };
    const mk = (extra: object) =>
      updateToInbound({ update_id: 1, message: { ...base, chat: group, ...extra } } as Update, 'main', me)!.message;
    expect(mk({ text: 'hello all' }).mentioned).toBe(false);
    expect(mk({ text: 'hey @My_Bot', entities: [{ type: 'mention', offset: 4, length: 7 }] }).mentioned).toBe(true);
    expect(mk({ text: '/status@my_bot', entities: [{ type: 'bot_command', offset: 0, length: 14 }] }).mentioned).toBe(
      true,
    );
    expect(
      mk({ text: 'yes', reply_to_message: { message_id: 1, date: 0, chat: group, from: me, text: 'q?' } }).mentioned,
    ).toBe(true);
  });

  it('takes captions as text and lists attachments; skips bots and channel posts', () => {
    const photo = updateToInbound(
      {
        update_id: 1,
        message: {
          ...base,
          chat: { id: 7, type: 'private' },
          caption: 'look',
          photo: [
            { file_id: 'small', file_unique_id: 's', width: 10, height: 10 },
            { file_id: 'big', file_unique_id: 'b', width: 100, height: 100 },
          ],
        },
      } as Update,
      'main',
      me,
    );
    expect(photo?.message.text).toBe('look');
    expect(photo?.media).toEqual([{ fileId: 'big', kind: 'photo', name: 'photo.jpg' }]);
    expect(
      updateToInbound(
        {
          update_id: 1,
          message: { ...base, from: { ...base.from, is_bot: true }, chat: { id: 7, type: 'private' }, text: 'x' },
        } as Update,
        'main',
        me,
      ),
    ).toBeUndefined();
    expect(
      updateToInbound(
        {
          update_id: 1,
          channel_post: { message_id: 1, date: 0, chat: { id: -9, type: 'channel', title: 'c' }, text: 'x' },
        } as Update,
        'main',
        me,
      ),
    ).toBeUndefined();
  });

  it('drops its own @handle from a leading command, not another bot’s', () => {
    expect(withoutOwnHandle('/status@My_Bot', me)).toBe('/status');
    expect(withoutOwnHandle('/think@my_bot high', me)).toBe('/think high');
    expect(withoutOwnHandle('/status@other_bot', me)).toBe('/status@other_bot');
    expect(withoutOwnHandle('/status@my_botx', me)).toBe('/status@my_botx');
    expect(withoutOwnHandle('hello /status@my_bot', me)).toBe('hello /status@my_bot');
  });
});
