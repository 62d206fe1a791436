import fs from 'node:fs';
import path from 'node:path';
import type { AgentAttachment, TranscriberService } from '../../../sdk/index.js';
import type { ImagePart } from '../provider/model-types.js';
import { fitImage } from './image-fit.js';
import type { ImageLimits } from './image-limits.js';

/** Where copies of chat attachments go inside the agent's workspace (the file tools can read them). */
export const WORKSPACE_INBOUND = 'inbound';
/** Copies older than this are removed when the next one arrives. */
const WORKSPACE_RETENTION_MS = 7 * 24 * 3600_000;

export interface AttachmentDeps {
  limits: ImageLimits;
  /** The model sees images (false when its config lists `input` without "image"). */
  vision: boolean;
  workspaceDir: string;
  transcriber?: TranscriberService;
  signal: AbortSignal;
  logger: { warn(obj: object, msg: string): void };
}

/** What a turn's attachments add: lines for the user message, and images for the model. */
export interface AttachmentInput {
  notes: string[];
  images: ImagePart[];
}

/**
 * A channel message's files as model input. Images become image parts, scaled to the
 * provider's limits (the note names the saved file, so later turns can refer to it); audio is
 * transcribed by the `transcriber` service when one is loaded; documents, video and audio are
 * copied into `<workspace>/inbound/` and named by that path, so the file tools can read them.
 */
export async function attachmentInput(
  attachments: readonly AgentAttachment[],
  deps: AttachmentDeps,
): Promise<AttachmentInput> {
  const notes: string[] = [];
  const images: ImagePart[] = [];
  for (const a of attachments) {
    const label = `${a.fileName ?? path.basename(a.path)} (${a.mime}, ${size(a.size)})`;
    if (a.kind === 'image' && deps.vision) {
      try {
        const fitted = await fitImage(fs.readFileSync(a.path), deps.limits);
        images.push({ url: `data:${fitted.mime};base64,${fitted.data.toString('base64')}` });
        notes.push(`[image ${label} attached, saved at ${a.path}]`);
        continue;
      } catch (err) {
        deps.logger.warn({ err, file: a.path }, 'an image attachment could not be prepared; passing it as a file');
      }
    }
    if (a.kind === 'audio' && deps.transcriber) {
      try {
        const { text } = await deps.transcriber.transcribe({ path: a.path, mime: a.mime, signal: deps.signal });
        notes.push(`[audio ${label}, transcript: ${text.trim() || '(nothing recognisable)'}]`);
        continue;
      } catch (err) {
        if (deps.signal.aborted) throw err;
        deps.logger.warn({ err, file: a.path }, 'transcription failed; passing the audio as a file');
      }
    }
    const copy = copyIntoWorkspace(a, deps.workspaceDir);
    const where = copy ? `saved in your workspace at ${copy}` : `saved at ${a.path}`;
    const why =
      a.kind === 'image'
        ? ' (this model takes text only)'
        : a.kind === 'audio'
          ? ' (no transcription service is loaded)'
          : '';
    notes.push(`[${a.kind} ${label} ${where}${why}; read it with your file tools]`);
  }
  return { notes, images };
}

/** The workspace-relative path of a copy, or undefined when the workspace cannot take one. */
function copyIntoWorkspace(a: AgentAttachment, workspaceDir: string): string | undefined {
  const dir = path.join(workspaceDir, WORKSPACE_INBOUND);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    pruneOld(dir);
    const target = path.join(dir, path.basename(a.path));
    fs.copyFileSync(a.path, target);
    fs.chmodSync(target, 0o600);
    return path.join(WORKSPACE_INBOUND, path.basename(a.path));
  } catch {
    return undefined;
  }
}

function pruneOld(dir: string): void {
  const cutoff = Date.now() - WORKSPACE_RETENTION_MS;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      /* gone already */
    }
  }
}

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
