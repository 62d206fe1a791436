import type { Database, Statement } from 'better-sqlite3';
import { preparedStatement } from '../../sdk/index.js';

export type GroupActivation = 'mention' | 'always';

export interface GroupKey {
  channel: string;
  accountId: string;
  chatId: string;
}

/**
 * `/activation mention|always` per group (`delivery_group_activation`): kept across restarts and
 * config edits, and wins over the group's `requireMention` until an owner changes it again.
 */
export class GroupActivationStore {
  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  constructor(private readonly db: Database) {}

  get(group: GroupKey): GroupActivation | undefined {
    const row = this.stmt(
      'SELECT mode FROM delivery_group_activation WHERE channel = ? AND account_id = ? AND chat_id = ?',
    ).get(group.channel, group.accountId, group.chatId) as { mode: GroupActivation } | undefined;
    return row?.mode;
  }

  set(group: GroupKey, mode: GroupActivation, setBy: string, now = Date.now()): void {
    this.stmt(
      `INSERT INTO delivery_group_activation (channel, account_id, chat_id, mode, set_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, account_id, chat_id) DO UPDATE SET mode = excluded.mode, set_by = excluded.set_by,
         updated_at = excluded.updated_at`,
    ).run(group.channel, group.accountId, group.chatId, mode, setBy, now);
  }
}
