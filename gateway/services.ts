import type { Request } from 'express';
import type { Identity } from '../core/identity';
import type { FileStore } from '../core/file-store';
import type { Language } from '../core/language';

/** What the gateway's own HTTP routes (files, feeds) use besides GraphQL. */
export interface GatewayServices {
  files: FileStore;
  /** The caller of a plain HTTP request, from its bearer token; throws on an invalid one. */
  identify: (req: Request) => Promise<Identity>;
  /** Runs a query through the graph, as the anonymous public would, in the reader's language (English when not given). */
  publicQuery: <T = any>(query: string, variables?: Record<string, unknown>, language?: Language) => Promise<T>;
  /** Runs a query through the graph as `identity`: its data, null where a field was refused. */
  asCaller: <T = any>(identity: Identity, query: string, variables?: Record<string, unknown>) => Promise<T | null>;
  /** Short-lived links to one private file, signed with the gateway's key ring. */
  fileLinks: {
    sign: (fileId: string, userId: string, seconds: number) => Promise<string>;
    verify: (token: string, fileId: string) => Promise<boolean>;
  };
}
