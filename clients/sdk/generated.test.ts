import { readFileSync } from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import { GENERATED_FILE, OPERATIONS_DIR, generateSdk, readOperations } from './codegen';
import { canonical, documentId, type Manifest } from '../../core/operations';
import { documentIds } from './generated';

describe('the generated SDK', () => {
  it('is up to date with the supergraph and clients/operations (else run `npm run sdk`)', async () => {
    const fresh = await generateSdk();
    // toBe on two 90 KB strings prints a useless diff; say which line differs first.
    const committed = readFileSync(GENERATED_FILE, 'utf8');
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    expect(line === -1 && a.length === b.length, `clients/sdk/generated.ts is stale from line ${line + 1}: run \`npm run sdk\``).toBe(true);
  });

  it('has a typed document for every contract operation, whose id the gateway lists', () => {
    const manifest = JSON.parse(readFileSync(path.join(OPERATIONS_DIR, 'manifest.json'), 'utf8')) as Manifest;
    const listed = new Set(manifest.operations.map((op) => op.id));
    const operations = readOperations();
    expect(documentIds.size).toBe(operations.length);
    for (const [document, id] of documentIds) {
      // The text the client falls back to is the very document the id names.
      expect(documentId(canonical(print(document)))).toBe(id);
      expect(listed.has(id), `${id} is not in manifest.json: run \`npm run operations\``).toBe(true);
    }
  });
});
