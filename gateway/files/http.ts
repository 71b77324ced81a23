/** Small HTTP helpers for the file routes: byte ranges, ETags and download names. */

export type RangeResult = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * One byte range (RFC 9110 §14.1.2): `bytes=0-99`, `bytes=100-`, `bytes=-100`. null means serve the
 * whole file: no header, another unit, a malformed header, or several ranges (allowed: a server
 * may ignore Range). 'unsatisfiable' when the range starts beyond the end (416).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** If-None-Match: a list of entity tags or `*`; weak comparison, as RFC 9110 asks for GET. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** `attachment; filename="plain"; filename*=UTF-8''encoded` (RFC 6266): the ASCII form for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file name as given by an uploader, reduced to a safe base name (no path, no control characters). */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(0, 200);
}
