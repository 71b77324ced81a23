import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './root';
import { catalogueMessage, messageFor } from './messages';
import { en } from './messages/en';
import { zh } from './messages/zh';

/** Every code the servers write: `userError(…, 'CODE'` and `code: 'CODE'` in the gateway's, the subgraphs' and core's sources. */
function codesInSources(): Set<string> {
  const files = execFileSync('git', ['ls-files', 'gateway', 'subgraphs', 'core'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('generated/') && !f.includes('demo') && !f.includes('transport/'));
  const codes = new Set<string>();
  for (const f of files) {
    const text = readFileSync(`${ROOT}/${f}`, 'utf8');
    for (const m of text.matchAll(/userError\([^,]+,\s*'([A-Z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z_]+)'/g)) codes.add(m[1]);
  }
  return codes;
}

describe('message catalogues', () => {
  it('have a text in English and Chinese for every code the servers write', () => {
    const missing = [...codesInSources()].filter((c) => !(c in en) && !['X', 'ECONNREFUSED'].includes(c));
    expect(missing).toEqual([]);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [code, text] of Object.entries(zh)) {
      expect(/\p{Script=Han}/u.test(text), code).toBe(true);
      // No parameter the English does not name (`{what}`, an English noun, is left out in Chinese).
      const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(names(en[code as keyof typeof en]), code).toEqual(expect.arrayContaining(names(text)));
    }
  });

  it('fill in parameters, and keep the written English for an English reader or a parameter missing', () => {
    expect(catalogueMessage('zh', 'TOO_LONG', { max: 200 })).toBe('最多 200 个字符。');
    expect(messageFor('zh', 'TOO_LONG', 'Keep the summary to 500 characters.', { max: 500 })).toBe('最多 500 个字符。');
    expect(messageFor('en', 'TOO_LONG', 'Keep the summary to 500 characters.', { max: 500 })).toBe('Keep the summary to 500 characters.');
    expect(messageFor('zh', 'TOO_LONG', 'At most 9 characters.')).toBe('At most 9 characters.');
    expect(messageFor('zh', 'SOMETHING_ELSE', 'As written.')).toBe('As written.');
  });
});
