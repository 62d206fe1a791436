import type sharpModule from 'sharp';
import type { ImageLimits } from './image-limits.js';

type Sharp = typeof sharpModule;
let sharpLoading: Promise<Sharp> | undefined;

/** sharp (libvips, a native library of several MB) loads with the first image, not at every start. */
function loadSharp(): Promise<Sharp> {
  sharpLoading ??= import('sharp').then((m) => m.default as Sharp);
  return sharpLoading;
}

/** Formats every provider takes as they are. */
const PASS_THROUGH = new Set(['jpeg', 'png', 'webp']);
const QUALITIES = [85, 70, 55, 40];

/**
 * An image as a provider will take it: EXIF orientation applied, scaled down to fit
 * `maxEdge`, kept as PNG/JPEG/WebP when it already is one and fits, otherwise JPEG at falling
 * quality (then a smaller size) until it is under `maxBytes`. Animated images keep their first frame.
 */
export async function fitImage(input: Buffer, limits: ImageLimits): Promise<{ data: Buffer; mime: string }> {
  const sharp = await loadSharp();
  const meta = await sharp(input).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new Error('not a readable image');
  const format = meta.format ?? '';
  const fits = Math.max(width, height) <= limits.maxEdge && input.length <= limits.maxBytes;
  if (fits && PASS_THROUGH.has(format) && (meta.orientation ?? 1) === 1)
    return { data: input, mime: `image/${format}` };
  let edge = Math.min(limits.maxEdge, Math.max(width, height));
  for (let attempt = 0; attempt < 4; attempt++) {
    const resized = sharp(input)
      .rotate()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true });
    if (PASS_THROUGH.has(format) && format !== 'jpeg') {
      const same = await resized
        .clone()
        .toFormat(format as 'png' | 'webp')
        .toBuffer();
      if (same.length <= limits.maxBytes) return { data: same, mime: `image/${format}` };
    }
    for (const quality of QUALITIES) {
      const jpeg = await resized.clone().flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true }).toBuffer();
      if (jpeg.length <= limits.maxBytes) return { data: jpeg, mime: 'image/jpeg' };
    }
    edge = Math.round(edge * 0.7);
  }
  throw new Error(`could not bring the image under ${Math.round(limits.maxBytes / 1048576)} MB`);
}
