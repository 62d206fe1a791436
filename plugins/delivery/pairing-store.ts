import { randomInt } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { InboundMessage } from '../../sdk/index.js';
import { preparedStatement } from '../../sdk/index.js';

/** Unambiguous characters (no 0/O, 1/I/L) so codes survive being read aloud or retyped. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export interface PairingRequest {
  channel: string;
  accountId: string;
  senderId: string;
  chatId: string;
  code: string;
  senderName?: string;
  senderUsername?: string;
  state: 'pending' | 'approved' | 'rejected';
  createdAt: number;
  expiresAt: number;
}

export interface ApprovedSender {
  channel: string;
  accountId: string;
  senderId: string;
  senderName?: string;
  senderUsername?: string;
  approvedAt: number;
}

interface PairingRow {
  channel: string;
  account_id: string;
  sender_id: string;
  chat_id: string;
  code: string;
  sender_name: string | null;
  sender_username: string | null;
  state: PairingRequest['state'];
  created_at: number;
  expires_at: number;
}

/** Pairing requests from unknown DM senders and the senders an operator approved. */
export class PairingStore {
  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  constructor(
    private readonly db: Database,
    private readonly options: { codeTtlMs: number; maxPending: number },
  ) {}

  isApproved(channel: string, accountId: string, senderId: string): boolean {
    return (
      this.stmt('SELECT 1 FROM delivery_allowed_senders WHERE channel = ? AND account_id = ? AND sender_id = ?').get(
        channel,
        accountId,
        senderId,
      ) !== undefined
    );
  }

  /**
   * The sender's pending request, created when there is none (or it expired). `created` tells
   * whether a code must be sent; undefined when too many requests are pending already.
   */
  request(message: InboundMessage, now = Date.now()): { request: PairingRequest; created: boolean } | undefined {
    return this.db.transaction(() => {
      const existing = this.stmt(
        "SELECT * FROM delivery_pairing WHERE channel = ? AND account_id = ? AND sender_id = ? AND state = 'pending' " +
          'AND expires_at > ?',
      ).get(message.channel, message.accountId, message.senderId, now) as PairingRow | undefined;
      if (existing) return { request: fromRow(existing), created: false };
      const pending = this.stmt(
        "SELECT COUNT(*) AS n FROM delivery_pairing WHERE channel = ? AND account_id = ? AND state = 'pending' AND " +
          'expires_at > ?',
      ).get(message.channel, message.accountId, now) as { n: number };
      if (pending.n >= this.options.maxPending) return undefined;
      const code = this.uniqueCode(message.channel, now);
      this.stmt(
        `INSERT INTO delivery_pairing (channel, account_id, sender_id, chat_id, code, sender_name, sender_username,
           state, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
           ON CONFLICT (channel, account_id, sender_id) DO UPDATE SET chat_id = excluded.chat_id, code = excluded.code,
             sender_name = excluded.sender_name, sender_username = excluded.sender_username, state = 'pending',
             created_at = excluded.created_at, expires_at = excluded.expires_at, resolved_at = NULL`,
      ).run(
        message.channel,
        message.accountId,
        message.senderId,
        message.chatId,
        code,
        message.senderName ?? null,
        message.senderUsername ?? null,
        now,
        now + this.options.codeTtlMs,
      );
      const row = this.stmt(
        'SELECT * FROM delivery_pairing WHERE channel = ? AND account_id = ? AND sender_id = ?',
      ).get(message.channel, message.accountId, message.senderId) as PairingRow;
      return { request: fromRow(row), created: true };
    })();
  }

  listPending(channel?: string, now = Date.now()): PairingRequest[] {
    const rows = (
      channel
        ? this.stmt(
            "SELECT * FROM delivery_pairing WHERE state = 'pending' AND expires_at > ? AND channel = ? " +
              'ORDER BY created_at',
          ).all(now, channel)
        : this.stmt(
            "SELECT * FROM delivery_pairing WHERE state = 'pending' AND expires_at > ? ORDER BY created_at",
          ).all(now)
    ) as PairingRow[];
    return rows.map(fromRow);
  }

  /** Senders an operator approved, newest first, with the name they had when they asked. */
  listApproved(channel?: string, limit = 500): ApprovedSender[] {
    const sql = `SELECT a.channel, a.account_id, a.sender_id, a.approved_at, p.sender_name, p.sender_username
      FROM delivery_allowed_senders a
      LEFT JOIN delivery_pairing p
        ON p.channel = a.channel AND p.account_id = a.account_id AND p.sender_id = a.sender_id
      ${channel ? 'WHERE a.channel = ?' : ''} ORDER BY a.approved_at DESC LIMIT ?`;
    const rows = (channel ? this.stmt(sql).all(channel, limit) : this.stmt(sql).all(limit)) as Array<{
      channel: string;
      account_id: string;
      sender_id: string;
      approved_at: number;
      sender_name: string | null;
      sender_username: string | null;
    }>;
    return rows.map((r) => ({
      channel: r.channel,
      accountId: r.account_id,
      senderId: r.sender_id,
      approvedAt: r.approved_at,
      ...(r.sender_name ? { senderName: r.sender_name } : {}),
      ...(r.sender_username ? { senderUsername: r.sender_username } : {}),
    }));
  }

  /** Resolve a pending code; undefined when no live request has it. */
  resolve(
    channel: string,
    code: string,
    decision: 'approved' | 'rejected',
    now = Date.now(),
  ): PairingRequest | undefined {
    return this.db.transaction(() => {
      const row = this.stmt(
        "SELECT * FROM delivery_pairing WHERE channel = ? AND code = ? AND state = 'pending' AND expires_at > ?",
      ).get(channel, code.trim().toUpperCase(), now) as PairingRow | undefined;
      if (!row) return undefined;
      this.stmt(
        'UPDATE delivery_pairing SET state = ?, resolved_at = ? WHERE channel = ? AND account_id = ? AND sender_id = ?',
      ).run(decision, now, row.channel, row.account_id, row.sender_id);
      if (decision === 'approved') {
        this.stmt(
          'INSERT OR REPLACE INTO delivery_allowed_senders (channel, account_id, sender_id, ' +
            'approved_at) VALUES (?, ?, ?, ?)',
        ).run(row.channel, row.account_id, row.sender_id, now);
      }
      return { ...fromRow(row), state: decision };
    })();
  }

  private uniqueCode(channel: string, now: number): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      let code = '';
      for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      const clash = this.stmt(
        "SELECT 1 FROM delivery_pairing WHERE channel = ? AND code = ? AND state = 'pending' AND expires_at > ?",
      ).get(channel, code, now);
      if (!clash) return code;
    }
    throw new Error('could not draw a unique pairing code');
  }
}

function fromRow(row: PairingRow): PairingRequest {
  return {
    channel: row.channel,
    accountId: row.account_id,
    senderId: row.sender_id,
    chatId: row.chat_id,
    code: row.code,
    ...(row.sender_name ? { senderName: row.sender_name } : {}),
    ...(row.sender_username ? { senderUsername: row.sender_username } : {}),
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
