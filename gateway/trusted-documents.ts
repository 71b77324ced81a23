import { readFileSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import { canonical, documentId, type Manifest, type ManifestOperation } from '../core/operations';

/**
 * Trusted documents: the operations the platform's own clients send (clients/operations/**),
 * listed in a manifest in Apollo's persisted-query-list format. Clients may send only an
 * operation's id; in `enforce` mode the public and citizens may run nothing else.
 */
export type SafelistMode = 'off' | 'log' | 'enforce';

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
