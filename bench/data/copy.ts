import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type Cell = string | number | boolean | Date | null | readonly string[] | Record<string, unknown>;

/** One value in COPY's text format: `\N` for null, backslash escapes for the separators. */
function cell(v: Cell): string {
  if (v === null) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escape(`{${v.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'object') return escape(JSON.stringify(v));
  return escape(String(v));
}

const escape = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/**
 * Streams rows into `schema.table` with COPY FROM STDIN, honouring back-pressure; `tick` is called
 * every 5,000 rows with how many were written since the last call (for the progress bar).
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: Iterable<Cell[]>,
  tick: (n: number) => void,
): Promise<number> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let n = 0;
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = stream.write(buffer.join(''));
    tick(buffer.length);
    buffer = [];
    if (!ok) await once(stream, 'drain');
  };
  for (const row of rows) {
    buffer.push(row.map(cell).join('\t') + '\n');
    n++;
    if (buffer.length >= 5000) await flush();
  }
  await flush();
  stream.end();
  await done;
  return n;
}
