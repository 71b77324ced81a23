import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { ROOT } from './root';

/**
 * The operations the platform's own clients send (clients/operations/**), one named operation per
 * `.graphql` file, and their manifest in Apollo's persisted-query-list format. Read by the gateway
 * (trusted documents, warm plans), the registry (which client operation a change breaks) and the
 * clients' SDK generator alike.
 */
export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** The canonical text of a document: formatting and comments do not change its identity. */
export const canonical = (source: string) => print(parse(source));
export const documentId = (body: string) => createHash('sha256').update(body).digest('hex');

/** Where the platform's clients keep their operations, one named operation per `.graphql` file. */
export const OPERATIONS_DIR = path.join(ROOT, 'clients', 'operations');
export const MANIFEST_FILE = path.join(OPERATIONS_DIR, 'manifest.json');

/**
 * Every `.graphql` file under a folder, sorted by path for stable output: its path (with `/`),
 * its text as written, its canonical text and its one named operation.
 */
export function readOperationFiles(folder = OPERATIONS_DIR) {
  const files = (readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.graphql')).sort();
  return files.map((file) => {
    const text = readFileSync(path.join(folder, file), 'utf8');
    const body = canonical(text);
    const op = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    if (!op?.name) throw new Error(`${file}: a trusted document needs one named operation`);
    return { file: file.split(path.sep).join('/'), text, body, name: op.name.value, type: op.operation };
  });
}

/** Builds the manifest from every `.graphql` file under a folder. */
export function buildManifest(folder = OPERATIONS_DIR): Manifest {
  const operations = readOperationFiles(folder).map(({ body, name, type }) => ({ id: documentId(body), name, type, body }));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The texts clients send of those operations: the file as written (the portal) and the canonical one (sent by id). */
export function operationTexts(folder = OPERATIONS_DIR): { text: string; operationName: string }[] {
  return readOperationFiles(folder).flatMap(({ text, body, name }) =>
    (text === body ? [body] : [text, body]).map((t) => ({ text: t, operationName: name })),
  );
}

