/** Schema of the delivery plugin's tables (prefixed `delivery_`), applied once each in order. */
export const DELIVERY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE delivery_outbound (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     message_id TEXT NOT NULL,
     part INTEGER NOT NULL DEFAULT 0,
     channel TEXT NOT NULL,
     account_id TEXT NOT NULL,
     recipient TEXT NOT NULL,
     chat_key TEXT NOT NULL,
     payload TEXT NOT NULL,
     idempotency_key TEXT,
     session_key TEXT,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT,
     platform_message_id TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX delivery_outbound_idempotency ON delivery_outbound(idempotency_key, part)
     WHERE idempotency_key IS NOT NULL;
   CREATE INDEX delivery_outbound_state ON delivery_outbound(state, chat_key, seq);
   CREATE INDEX delivery_outbound_message ON delivery_outbound(message_id);`,
  `CREATE TABLE delivery_inbound (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     channel TEXT NOT NULL,
     account_id TEXT NOT NULL,
     chat_id TEXT NOT NULL,
     message_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     disposition TEXT NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (channel, account_id, chat_id, message_id)
   );
   CREATE INDEX delivery_inbound_state ON delivery_inbound(state, seq);`,
  `CREATE TABLE delivery_pairing (
     channel TEXT NOT NULL,
     account_id TEXT NOT NULL,
     sender_id TEXT NOT NULL,
     chat_id TEXT NOT NULL,
     code TEXT NOT NULL,
     sender_name TEXT,
     sender_username TEXT,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     resolved_at INTEGER,
     PRIMARY KEY (channel, account_id, sender_id)
   );
   CREATE TABLE delivery_allowed_senders (
     channel TEXT NOT NULL,
     account_id TEXT NOT NULL,
     sender_id TEXT NOT NULL,
     approved_at INTEGER NOT NULL,
     PRIMARY KEY (channel, account_id, sender_id)
   );`,
  // Chat commands and groups (issue 17): what the router decided about each message beyond its
  // disposition (owner, command, reply threading), the thread for per-topic group history, and
  // `/activation` overrides per group.
  `ALTER TABLE delivery_inbound ADD COLUMN thread_id TEXT;
   ALTER TABLE delivery_inbound ADD COLUMN route TEXT;
   CREATE INDEX delivery_inbound_chat ON delivery_inbound(channel, account_id, chat_id, seq);
   CREATE TABLE delivery_group_activation (
     channel TEXT NOT NULL,
     account_id TEXT NOT NULL,
     chat_id TEXT NOT NULL,
     mode TEXT NOT NULL,
     set_by TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (channel, account_id, chat_id)
   );`,
];
