/** A file part of a multipart/form-data body. */
export interface UploadedFile {
  /** The form field name the part was sent under (grammY uses a random attach id). */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

/**
 * Parses multipart/form-data leniently: grammY writes part headers in lower case without
 * spaces (`content-disposition:form-data;name="x";filename=photo.jpg`), unlike browsers.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const result: MultipartBody = { fields: {}, files: {} };
  if (boundary === undefined) return result;
  const delimiter = Buffer.from(`--${boundary}`);
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const partStart = cursor + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between "<delimiter>\r\n" and "\r\n<next delimiter>".
    addPart(body.subarray(partStart + 2, next - 2), result);
    cursor = next;
  }
  return result;
}

function addPart(part: Buffer, result: MultipartBody): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) return;
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const data = part.subarray(headerEnd + 4);
  const disposition = /content-disposition:\s*([^\r\n]*)/i.exec(headers)?.[1] ?? '';
  const name = parameter(disposition, 'name');
  if (name === undefined) return;
  const filename = parameter(disposition, 'filename');
  if (filename === undefined) {
    result.fields[name] = data.toString('utf8');
    return;
  }
  const contentType = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
  result.files[name] = { field: name, filename, contentType, data: Buffer.from(data) };
}

function parameter(disposition: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, 'i').exec(disposition);
  if (match === null) return undefined;
  return (match[1] ?? match[2] ?? '').trim();
}
