import { type AddressCheck, type AgentTool, Type } from '../../../sdk/index.js';
import type { WebFetchConfigT } from '../config-schema.js';
import { toolsError } from '../errors.js';
import { guardedFetch } from './guarded-fetch.js';

interface WebFetchArgs {
  url: string;
  extractMode?: 'markdown' | 'text';
  maxChars?: number;
}

/**
 * `web_fetch {url, extractMode?, maxChars?}`: GET a page and return readable text (HTML → main
 * content → markdown), under the SSRF checks, size and time caps of `tools.web.fetch`.
 * `addressCheck` is the address policy with `allowAddresses` applied, parsed once per generation.
 */
export function webFetchTool(config: () => WebFetchConfigT, addressCheck: AddressCheck): AgentTool {
  return {
    name: 'web_fetch',
    description:
      'Fetch a web page (HTTP GET) and return its readable content as markdown (or plain text with ' +
      'extractMode "text"). maxChars caps the returned text. Private and local addresses are refused.',
    dangerous: true,
    parameters: Type.Object({
      url: Type.String({ minLength: 1, description: 'Absolute http(s) URL.' }),
      extractMode: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('text')])),
      maxChars: Type.Optional(Type.Integer({ minimum: 100, maximum: 1_000_000 })),
    }),
    async execute(args: WebFetchArgs, invocation) {
      const cfg = config();
      if (!cfg.enabled) throw toolsError('GW_ERR_TOOLS_WEB_DISABLED', 'web_fetch is off (tools.web.fetch.enabled)');
      const started = Date.now();
      const page = await guardedFetch(
        args.url,
        {
          allowPrivate: cfg.allowPrivate,
          blocked: addressCheck,
          maxBytes: cfg.maxBytes,
          maxRedirects: cfg.maxRedirects,
          timeoutMs: cfg.timeoutSeconds * 1000,
          userAgent: cfg.userAgent,
        },
        invocation.signal,
      );
      const mode = args.extractMode ?? 'markdown';
      const type = page.contentType.split(';')[0]!.trim().toLowerCase();
      const raw = page.body.toString('utf8');
      let text: string;
      let title: string | undefined;
      let extractor: string;
      if (type === 'text/html' || type === 'application/xhtml+xml' || (!type && /^\s*</.test(raw))) {
        // Loaded on first use: the HTML libraries are large and most runs never fetch a page.
        const { htmlToReadable } = await import('./html-to-text.js');
        ({ text, title, extractor } = htmlToReadable(raw, mode, cfg.readability));
      } else if (type.includes('json')) {
        extractor = 'json';
        try {
          text = JSON.stringify(JSON.parse(raw), null, 2);
        } catch {
          text = raw;
        }
      } else if (type.startsWith('text/') || type === '' || type.includes('xml')) {
        extractor = 'raw';
        text = raw;
      } else {
        throw toolsError(
          'GW_ERR_TOOLS_WEB_FAILED',
          `${page.finalUrl} is ${type} (${page.body.length} bytes), not text; web_fetch returns text only`,
        );
      }
      const maxChars = Math.min(args.maxChars ?? cfg.maxChars, cfg.maxChars);
      const cut = text.length > maxChars;
      return {
        url: page.url,
        finalUrl: page.finalUrl,
        status: page.status,
        contentType: page.contentType,
        ...(title ? { title } : {}),
        extractMode: mode,
        extractor,
        truncated: cut || page.truncated,
        length: text.length,
        fetchedAt: new Date(started).toISOString(),
        tookMs: Date.now() - started,
        text: cut ? text.slice(0, maxChars) : text,
      };
    },
  };
}
