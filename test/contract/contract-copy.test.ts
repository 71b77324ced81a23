import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root';

/**
 * The contract operations the clients send live in clients/operations (the trusted documents);
 * they must stay exactly the shared contract's text, which sits beside the repository.
 */
const SHARED = path.resolve(ROOT, '..', 'shared', 'contract');

describe.skipIf(!existsSync(SHARED))('the shared contract', () => {
  it('every contract operation is in clients/operations, word for word', () => {
    const files = (readdirSync(SHARED, { recursive: true }) as string[]).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const ours = path.join(ROOT, 'clients', 'operations', f);
      expect(existsSync(ours), f).toBe(true);
      expect(readFileSync(ours, 'utf8'), f).toBe(readFileSync(path.join(SHARED, f), 'utf8'));
    }
  });
});
