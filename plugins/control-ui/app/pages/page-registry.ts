import { html, type TemplateResult } from 'lit';
import type { PageSlug } from '../../page-slugs.js';
import type { GatewayConnection } from '../gateway/gateway-connection.js';
import './channels-page.js';
import './chat-page.js';
import './config-page.js';
import './cron-page.js';
import './logs-page.js';
import './nodes-page.js';
import './overview-page.js';
import './plugins-page.js';
import './sessions-page.js';

export interface PageSpec {
  slug: PageSlug;
  title: string;
  /** Methods the page is built on; the page is hidden while any is missing from hello-ok. */
  requires: string[];
  /** The plugin that provides them, for the "not loaded" hint. */
  providedBy: string;
  render(conn: GatewayConnection): TemplateResult;
}

/**
 * Every page in navigation order. A page whose methods the gateway does not offer (its plugin
 * is off) is left out of the navigation.
 */
export const PAGES: readonly PageSpec[] = [
  {
    slug: 'overview',
    title: 'Overview',
    requires: ['status'],
    providedBy: 'the kernel',
    render: (c) => html`<mb-overview-page .conn=${c}></mb-overview-page>`,
  },
  {
    slug: 'chat',
    title: 'Chat',
    requires: ['chat.send', 'chat.history'],
    providedBy: 'agent',
    render: (c) => html`<mb-chat-page .conn=${c}></mb-chat-page>`,
  },
  {
    slug: 'channels',
    title: 'Channels',
    requires: ['channels.status'],
    providedBy: 'delivery',
    render: (c) => html`<mb-channels-page .conn=${c}></mb-channels-page>`,
  },
  {
    slug: 'sessions',
    title: 'Sessions',
    requires: ['sessions.list'],
    providedBy: 'agent',
    render: (c) => html`<mb-sessions-page .conn=${c}></mb-sessions-page>`,
  },
  {
    slug: 'cron',
    title: 'Cron',
    requires: ['cron.list'],
    providedBy: 'cron',
    render: (c) => html`<mb-cron-page .conn=${c}></mb-cron-page>`,
  },
  {
    slug: 'nodes',
    title: 'Nodes',
    requires: ['node.list'],
    providedBy: 'nodes',
    render: (c) => html`<mb-nodes-page .conn=${c}></mb-nodes-page>`,
  },
  {
    slug: 'config',
    title: 'Config',
    requires: ['config.get', 'config.schema'],
    providedBy: 'the kernel',
    render: (c) => html`<mb-config-page .conn=${c}></mb-config-page>`,
  },
  {
    slug: 'plugins',
    title: 'Plugins',
    requires: ['plugins.list'],
    providedBy: 'the kernel',
    render: (c) => html`<mb-plugins-page .conn=${c}></mb-plugins-page>`,
  },
  {
    slug: 'logs',
    title: 'Logs',
    requires: ['logs.tail'],
    providedBy: 'the kernel',
    render: (c) => html`<mb-logs-page .conn=${c}></mb-logs-page>`,
  },
];

export function pageAvailable(page: PageSpec, conn: GatewayConnection): boolean {
  return page.requires.every((m) => conn.hasMethod(m));
}
