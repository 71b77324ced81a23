import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from './rows';

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c));

/**
 * RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break. UTF-8; `bom` prefixes a byte-order mark, which Excel needs to read non-ASCII text.
 */
export function toCsv(table: Table, { bom = false } = {}): string {
  if (table.columns.length === 0) return '';
  const records = [table.columns, ...table.rows.map((row) => table.columns.map((c) => text(row[c])))];
  const csv = stringify(records, {
    record_delimiter: 'windows',
    // csv-stringify quotes only the CRLF it writes; a bare LF or CR in a cell must be quoted too.
    quoted_match: /[\r\n]/,
  });
  return (bom ? '\uFEFF' : '') + csv;
}

/** The rows as a JSON array of flat objects, every column on every row (null when empty). */
export function toJson(table: Table): string {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c, row[c] ?? null])));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Columns a terminal shows: East Asian wide characters take two cells. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

/** An aligned text table for a terminal: numbers to the right, a long cell cut at `maxWidth`. */
export function toTextTable(table: Table, { maxWidth = 60 } = {}): string {
  if (table.columns.length === 0) return '(no data)\n';
  const clip = (s: string) => {
    const flat = s.replace(/\s+/g, ' ');
    if (width(flat) <= maxWidth) return flat;
    let out = '';
    for (const ch of flat) {
      if (width(out + ch) > maxWidth - 1) break;
      out += ch;
    }
    return `${out}…`;
  };
  const body = table.rows.map((row) => table.columns.map((c) => clip(text(row[c]))));
  const numeric = table.columns.map((c) => table.rows.length > 0 && table.rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const widths = table.columns.map((c, i) => Math.max(width(c), ...body.map((r) => width(r[i]))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(widths[i] - width(s));
    return numeric[i] ? gap + s : s + gap;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  const lines = [line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  lines.push(`(${table.rows.length} row${table.rows.length === 1 ? '' : 's'})`);
  return `${lines.join('\n')}\n`;
}

export function render(table: Table, format: Format, options: { bom?: boolean } = {}): string {
  if (format === 'csv') return toCsv(table, options);
  if (format === 'json') return toJson(table);
  return toTextTable(table);
}
