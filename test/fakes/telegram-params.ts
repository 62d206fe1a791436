import type { IncomingMessage } from 'node:http';
import { readBody } from './http-server.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import { badRequest } from './telegram-error.js';

export type { UploadedFile } from './multipart.js';

/** Method parameters as sent, whatever the encoding; form values stay strings except JSON objects/arrays. */
export interface MethodInput {
  params: Record<string, unknown>;
  /** Uploaded files keyed by form field name. */
  uploads: Record<string, UploadedFile>;
}

/** Reads parameters from the query string and a JSON, multipart or urlencoded body, as the Bot API does. */
export async function readMethodInput(req: IncomingMessage): Promise<MethodInput> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) params[key] = formValue(key, value);
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, uploads: {} };
  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed === 'object' && parsed !== null) Object.assign(params, parsed);
    return { params, uploads: {} };
  }
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, files } = parseMultipart(body, contentType);
    for (const [key, value] of Object.entries(fields)) params[key] = formValue(key, value);
    return { params, uploads: files };
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = formValue(key, value);
  return { params, uploads: {} };
}

/** Parameters whose Bot API type is an object or array; form encodings carry them as JSON text. */
const JSON_PARAMS = new Set([
  'allowed_updates',
  'caption_entities',
  'commands',
  'entities',
  'link_preview_options',
  'media',
  'reaction',
  'reply_markup',
  'reply_parameters',
  'scope',
]);

function formValue(key: string, value: string): unknown {
  // A caption or text that merely looks like JSON must stay a string, as on the real server.
  if (!JSON_PARAMS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** An integer parameter sent as a number or as digits; undefined when absent or not an integer. */
export function intParam(params: Record<string, unknown>, key: string): number | undefined {
  const value = params[key];
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function stringParam(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' ? value : undefined;
}

export function boolParam(params: Record<string, unknown>, key: string): boolean {
  const value = params[key];
  return value === true || value === 'true' || value === '1';
}

/** `chat_id` as an integer; `@channel` usernames are not modelled by the fake. */
export function chatIdParam(params: Record<string, unknown>): number {
  if (params.chat_id === undefined || params.chat_id === '') throw badRequest('chat_id is empty');
  const chatId = intParam(params, 'chat_id');
  if (chatId === undefined) throw badRequest('chat not found');
  return chatId;
}

/**
 * Uploaded files keyed by the parameter that refers to them: grammY sends `photo=attach://<id>`
 * plus a part named `<id>`; other clients name the part after the parameter itself.
 */
export function uploadsByParam(input: MethodInput): Record<string, UploadedFile> {
  const resolved: Record<string, UploadedFile> = {};
  for (const [key, value] of Object.entries(input.params)) {
    const attached =
      typeof value === 'string' && value.startsWith('attach://') ? input.uploads[value.slice(9)] : undefined;
    if (attached !== undefined) resolved[key] = attached;
  }
  for (const [field, upload] of Object.entries(input.uploads)) {
    if (!Object.values(resolved).includes(upload)) resolved[field] = upload;
  }
  return resolved;
}
