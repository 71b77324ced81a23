import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ROOT } from '../schema/rover-config';

/**
 * Trusted documents: the operations the platform's own clients send (clients/operations/**),
 * listed in a manifest in Apollo's persisted-query-list format. Clients may send only an
 * operation's id; in `enforce` mode the public and citizens may run nothing else.
 */
export type SafelistMode = 'off' | 'log' | 'enforce';

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

export class TrustedDocuments {
  private readonly byId = new Map<string, ManifestOperation>();
  /** Verdicts by exact text: clients send the same few texts, and parse + print + hash per request adds up. */
  private readonly verdicts = new LRUCache<string, boolean>({ max: 1000 });
  constructor(manifest: Manifest, readonly mode: SafelistMode) {
    for (const op of manifest.operations) this.byId.set(op.id, op);
  }

  static fromFile(file: string, mode: SafelistMode): TrustedDocuments {
    return new TrustedDocuments(JSON.parse(readFileSync(file, 'utf8')) as Manifest, mode);
  }

  /** The document for an id a client sent instead of the query (`sha256:` prefix optional). */
  lookup(id: string): string | undefined {
    return this.byId.get(id.replace(/^sha256:/, ''))?.body;
  }

  /** Whether a query text is one of the trusted documents, whatever its formatting. */
  isTrusted(query: string): boolean {
    let trusted = this.verdicts.get(query);
    if (trusted === undefined) {
      try {
        trusted = this.byId.has(documentId(canonical(query)));
      } catch {
        trusted = false; // does not parse: GraphQL itself will say so
      }
      this.verdicts.set(query, trusted);
    }
    return trusted;
  }
}
