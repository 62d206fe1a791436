import { type AgentTool, Type } from '../../sdk/index.js';
import type { CanvasFiles } from './canvas-files.js';
import { type CanvasOnNodes, NodeCanvasActions } from './node-canvas-actions.js';

const Params = Type.Object(
  {
    action: Type.Union(
      ['present', 'hide', 'navigate', 'eval', 'snapshot', 'list', 'clear'].map((a) => Type.Literal(a)),
      {
        description:
          'present: write a page (html/markdown) and show it — on a node too when node is given; ' +
          'hide/navigate/eval/snapshot: drive the canvas on a node; list: pages and the nodes that can show them; ' +
          'clear: remove one page or all (and hide the canvas on node)',
      },
    ),
    node: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'A node (id or display name) with canvas.* commands to show the canvas on',
      }),
    ),
    name: Type.Optional(
      Type.String({ description: 'Page name without extension (letters, digits, - and _); present default "index"' }),
    ),
    html: Type.Optional(Type.String({ description: 'A whole HTML document to present' })),
    markdown: Type.Optional(Type.String({ description: 'Markdown to present (rendered to HTML, raw HTML off)' })),
    title: Type.Optional(Type.String({ description: 'Title of a markdown page' })),
    target: Type.Optional(
      Type.String({ description: 'present/navigate on a node: a URL or a canvas path (/__moltbot__/canvas/x.html)' }),
    ),
    url: Type.Optional(Type.String({ description: 'Same as target' })),
    x: Type.Optional(Type.Number()),
    y: Type.Optional(Type.Number()),
    width: Type.Optional(Type.Number({ description: 'present on a node: canvas width (CSS pixels)' })),
    height: Type.Optional(Type.Number({ description: 'present on a node: canvas height (CSS pixels)' })),
    javaScript: Type.Optional(Type.String({ description: 'eval: script run in the page; its value is returned' })),
    outputFormat: Type.Optional(Type.Union([Type.Literal('png'), Type.Literal('jpg'), Type.Literal('jpeg')])),
    maxWidth: Type.Optional(Type.Number({ minimum: 16, description: 'snapshot: widest image (pixels)' })),
    quality: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'snapshot: JPEG quality' })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
  },
  { additionalProperties: false },
);

export interface CanvasToolArgs {
  action: 'present' | 'hide' | 'navigate' | 'eval' | 'snapshot' | 'list' | 'clear';
  node?: string;
  name?: string;
  html?: string;
  markdown?: string;
  title?: string;
  target?: string;
  url?: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  javaScript?: string;
  outputFormat?: 'png' | 'jpg' | 'jpeg';
  maxWidth?: number;
  quality?: number;
  timeoutMs?: number;
}

/**
 * The agent tool `canvas`: the agent's own screen (files in the canvas root, live-reloaded), and
 * shown on the user's nodes that offer `canvas.*` (through the nodes service, under the same
 * command policy as node.invoke). Without `node`, present/list/clear work on the files only.
 */
export function canvasTool(files: CanvasFiles, baseUrl: () => string, onNodes: CanvasOnNodes): AgentTool {
  const nodes = new NodeCanvasActions(files, onNodes);
  return {
    name: 'canvas',
    description:
      'Your screen: present an HTML or markdown page in the canvas (open pages reload by themselves) and, with ' +
      "node, show it on one of the user's devices; then navigate, eval JavaScript in it, snapshot it (PNG), " +
      'or hide it there. list shows the pages and the nodes that can show them; clear removes pages.',
    parameters: Params,
    async execute(args: CanvasToolArgs, invocation) {
      const withNode = args.node !== undefined || ['hide', 'navigate', 'eval', 'snapshot'].includes(args.action);
      if (withNode) return nodes.run(args, invocation.signal);
      if (args.action === 'present') {
        const page = await files.present(args);
        return { ok: true, page: page.name, url: baseUrl() + page.path, bytes: page.bytes };
      }
      if (args.action === 'list')
        return {
          pages: files.list().map((f) => ({ ...f, url: baseUrl() + f.path })),
          nodes: nodes.canvasNodes(),
        };
      return { ok: true, removed: files.clear(args.name) };
    },
  };
}
