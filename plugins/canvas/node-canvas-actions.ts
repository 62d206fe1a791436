import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HelloClient, NodeSummary, NodesService } from '../../sdk/index.js';
import { CANVAS_PREFIX, type CanvasFiles } from './canvas-files.js';
import type { CanvasToolArgs } from './canvas-tool.js';
import { canvasError } from './errors.js';

/** What the canvas tool needs from the plugin to show pages on nodes. */
export interface CanvasOnNodes {
  /** The nodes service (undefined when the nodes plugin is off). */
  nodes(): NodesService | undefined;
  /** The canvas host's base URL as a node that reached the gateway like this can open it. */
  urlFor(reach: HelloClient | undefined): string | undefined;
  /** A canvas token for a node's page, when the canvas asks for credentials (else undefined). */
  nodeToken(): string | undefined;
  /** Where snapshots are written (`<stateDir>/media/canvas`). */
  mediaDir: string;
}

const TOKEN_QUERY = 'canvasToken';

/**
 * The canvas tool's node side: `canvas.present|navigate|eval|snapshot|hide` on one node through
 * the nodes service, so the gateway's command policy (gateway.nodes.allow/denyCommands) and
 * the node's own declaration both apply, exactly as for node.invoke.
 */
export class NodeCanvasActions {
  /** What this gateway last showed on each node (for list). */
  private readonly showing = new Map<string, string>();

  constructor(
    private readonly files: CanvasFiles,
    private readonly on: CanvasOnNodes,
  ) {}

  /** Connected nodes that can show the canvas (declared and allowed canvas.present). */
  canvasNodes(): Array<{ nodeId: string; displayName?: string; showing?: string }> {
    return (this.on.nodes()?.list() ?? [])
      .filter((n) => n.connected && n.invocableCommands.includes('canvas.present'))
      .map((n) => ({ nodeId: n.nodeId, displayName: n.displayName, showing: this.showing.get(n.nodeId) }));
  }

  async run(args: CanvasToolArgs, signal: AbortSignal): Promise<unknown> {
    const service = this.on.nodes();
    if (!service)
      throw canvasError(
        'GW_ERR_CANVAS_NODES_OFF',
        'showing the canvas on a node needs the nodes plugin (gateway.nodes)',
      );
    const node = this.pickNode(service, args);
    const invoke = (command: string, params?: Record<string, unknown>) =>
      service
        .invoke({
          nodeId: node.nodeId,
          command,
          params,
          timeoutMs: args.timeoutMs,
          idempotencyKey: `canvas:${crypto.randomUUID()}`,
          signal,
        })
        .then((r) => r.payload as Record<string, unknown> | null);
    const who = { node: node.nodeId, displayName: node.displayName };

    switch (args.action) {
      case 'present': {
        let page: { name: string; path: string; bytes: number } | undefined;
        let target = args.target ?? args.url;
        if (args.html !== undefined || args.markdown !== undefined) {
          page = await this.files.present(args);
          target = page.path;
        } else if (target === undefined && args.name !== undefined) {
          target = this.files.list().find((f) => f.name === args.name || f.name === `${args.name}.html`)?.path;
          if (!target) throw canvasError('GW_ERR_CANVAS_NOT_FOUND', `no canvas page "${args.name}"; list shows them`);
        }
        const url = this.nodeUrl(node, target ?? CANVAS_PREFIX);
        const placement = placementOf(args);
        const answer = await invoke('canvas.present', { url, ...(placement ? { placement } : {}) });
        const shown = stripToken(url);
        this.showing.set(node.nodeId, shown);
        return { ok: true, ...who, url: shown, page: page?.name, bytes: page?.bytes, status: answer?.status };
      }
      case 'navigate': {
        const target = args.url ?? args.target;
        if (!target) throw canvasError('GW_ERR_CANVAS_BAD_CONTENT', 'navigate needs url (or target)');
        const url = this.nodeUrl(node, target);
        const answer = await invoke('canvas.navigate', { url });
        this.showing.set(node.nodeId, stripToken(url));
        return { ok: true, ...who, url: stripToken(url), status: answer?.status };
      }
      case 'eval': {
        if (!args.javaScript) throw canvasError('GW_ERR_CANVAS_BAD_CONTENT', 'eval needs javaScript');
        const answer = await invoke('canvas.eval', { javaScript: args.javaScript });
        return { ok: true, ...who, result: answer?.result };
      }
      case 'snapshot': {
        const format = args.outputFormat === 'jpg' || args.outputFormat === 'jpeg' ? 'jpeg' : 'png';
        const answer = await invoke('canvas.snapshot', { format, maxWidth: args.maxWidth, quality: args.quality });
        return { ok: true, ...who, ...this.saveSnapshot(node.nodeId, answer) };
      }
      case 'hide': {
        await invoke('canvas.hide');
        this.showing.delete(node.nodeId);
        return { ok: true, ...who };
      }
      case 'clear': {
        const removed = this.files.clear(args.name);
        await invoke('canvas.hide');
        this.showing.delete(node.nodeId);
        return { ok: true, ...who, removed, hidden: true };
      }
      case 'list':
        return { pages: this.files.list(), nodes: this.canvasNodes() };
    }
  }

  /** `node` as given, else the one connected node that can show the canvas. */
  private pickNode(service: NodesService, args: CanvasToolArgs): NodeSummary {
    if (args.node) return service.resolve(args.node);
    const candidates = this.canvasNodes();
    if (candidates.length === 1) return service.resolve(candidates[0]!.nodeId);
    throw canvasError(
      'GW_ERR_CANVAS_NO_NODE',
      candidates.length
        ? `${args.action} needs node: one of ${candidates.map((c) => c.displayName ?? c.nodeId).join(', ')}`
        : `${args.action} needs a node with canvas.* commands, and none is connected (the nodes tool lists them)`,
    );
  }

  /**
   * A URL for the node: a canvas path (or page URL of ours) on the canvas host as that node can
   * reach it, with a canvas token when the canvas asks for credentials; another site as given.
   */
  private nodeUrl(node: NodeSummary, target: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      const u = new URL(target);
      if (!u.pathname.startsWith(CANVAS_PREFIX) || !this.isOurs(u, node)) return target;
      target = u.pathname + u.search;
    }
    const base = this.on.urlFor(node.reach);
    if (!base)
      throw canvasError(
        'GW_ERR_CANVAS_NODE_UNREACHABLE',
        `node ${node.displayName ?? node.nodeId} is not on this machine and the canvas host listens on loopback ` +
          'only: set canvasHost.bind (e.g. "lan") so the node can open it (it then needs credentials, which ' +
          'the canvas tool sends as a canvas token)',
      );
    const url = new URL(target.startsWith('/') ? target : CANVAS_PREFIX + target, base);
    const token = this.on.nodeToken();
    if (token) url.searchParams.set(TOKEN_QUERY, token);
    return url.href;
  }

  /** A URL pointing at our canvas host under some name (the local URL the tool handed out earlier). */
  private isOurs(u: URL, node: NodeSummary): boolean {
    const base = this.on.urlFor(node.reach) ?? this.on.urlFor({ ip: '127.0.0.1', isLoopback: true });
    if (!base) return false;
    const b = new URL(base);
    return u.port === b.port && (u.hostname === b.hostname || u.hostname === '127.0.0.1' || u.hostname === 'localhost');
  }

  private saveSnapshot(nodeId: string, answer: Record<string, unknown> | null) {
    const format = answer?.format;
    const base64 = answer?.base64;
    if ((format !== 'png' && format !== 'jpeg' && format !== 'jpg') || typeof base64 !== 'string' || !base64)
      throw canvasError('GW_ERR_CANVAS_BAD_SNAPSHOT', 'the node answered canvas.snapshot without {format, base64}');
    const bytes = Buffer.from(base64, 'base64');
    fs.mkdirSync(this.on.mediaDir, { recursive: true, mode: 0o700 });
    const file = path.join(
      this.on.mediaDir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${nodeId.slice(0, 12)}.${format === 'png' ? 'png' : 'jpg'}`,
    );
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    return {
      format: format === 'png' ? 'png' : 'jpeg',
      path: file,
      bytes: bytes.length,
      width: typeof answer?.width === 'number' ? answer.width : undefined,
      height: typeof answer?.height === 'number' ? answer.height : undefined,
    };
  }
}

function placementOf(args: CanvasToolArgs): Record<string, number> | undefined {
  const p: Record<string, number> = {};
  for (const k of ['x', 'y', 'width', 'height'] as const) if (typeof args[k] === 'number') p[k] = args[k]!;
  return Object.keys(p).length ? p : undefined;
}

function stripToken(url: string): string {
  const u = new URL(url);
  u.searchParams.delete(TOKEN_QUERY);
  return u.href;
}
