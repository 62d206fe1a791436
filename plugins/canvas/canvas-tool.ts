import { type AgentTool, Type } from '../../sdk/index.js';
import type { CanvasFiles } from './canvas-files.js';

const Params = Type.Object(
  {
    action: Type.Union([Type.Literal('present'), Type.Literal('list'), Type.Literal('clear')], {
      description: 'present: write a page and show its URL; list: the pages; clear: remove one page or all',
    }),
    name: Type.Optional(
      Type.String({ description: 'Page name without extension (letters, digits, - and _); present default "index"' }),
    ),
    html: Type.Optional(Type.String({ description: 'A whole HTML document to present' })),
    markdown: Type.Optional(Type.String({ description: 'Markdown to present (rendered to HTML, raw HTML off)' })),
    title: Type.Optional(Type.String({ description: 'Title of a markdown page' })),
  },
  { additionalProperties: false },
);

/** The agent tool `canvas`: the agent's own screen (files in the canvas root, live-reloaded). */
export function canvasTool(files: CanvasFiles, baseUrl: () => string): AgentTool {
  return {
    name: 'canvas',
    description:
      'Your screen: present an HTML or markdown page in the canvas (open pages reload by themselves), ' +
      'list the pages, or clear them. Returns each page URL.',
    parameters: Params,
    async execute(args: {
      action: 'present' | 'list' | 'clear';
      name?: string;
      html?: string;
      markdown?: string;
      title?: string;
    }) {
      if (args.action === 'present') {
        const page = await files.present(args);
        return { ok: true, page: page.name, url: baseUrl() + page.path, bytes: page.bytes };
      }
      if (args.action === 'list') return { pages: files.list().map((f) => ({ ...f, url: baseUrl() + f.path })) };
      return { ok: true, removed: files.clear(args.name) };
    },
  };
}
