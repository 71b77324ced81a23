import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { findCredentialByHash, insertCredential, listCredentials, revokeCredential } from './db/credentials.repository';
import { publishedBy } from './db/registry.repository';
import type { CredentialRow, RegistryDb } from './db/tables';
import { RegistryError, SUBGRAPH_NAME } from './errors';

/**
 * Marks a department credential, so neither the registry nor a person mistakes it for a sign-in
 * token (a JWT never starts with it) and secret scanners can recognise a leaked one.
 */
export const CREDENTIAL_PREFIX = 'egov_dept_';
/** The prefix and 32 random bytes in base64url. */
const CREDENTIAL_SHAPE = /^egov_dept_[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who a valid credential lets in: one department, for one subgraph name. */
export interface DepartmentCaller {
  credentialId: string;
  subgraph: string;
}

/** A credential as admins see it: never the credential itself. */
export interface CredentialView {
  id: string;
  subgraph: string;
  issuedBy: string;
  issuedAt: Date;
  revokedBy: string | null;
  revokedAt: Date | null;
}

export const isDepartmentCredential = (token: string) => token.startsWith(CREDENTIAL_PREFIX);

/**
 * SHA-256, not argon2: argon2 makes guessing a low-entropy password slow, but a credential is 256
 * random bits that no amount of guessing finds. A fast, unsalted hash also lets the registry find
 * the row by index instead of running a deliberately slow hash against every stored credential
 * on every request, which would hand anyone a CPU-exhaustion lever.
 */
const sha256 = (credential: string) => createHash('sha256').update(credential).digest();

const view = (row: CredentialRow): CredentialView => ({
  id: row.id,
  subgraph: row.subgraph,
  issuedBy: row.issued_by,
  issuedAt: row.issued_at,
  revokedBy: row.revoked_by,
  revokedAt: row.revoked_at,
});

/**
 * Credentials an admin issues a department so it can check, publish and roll back its own
 * subgraph without an admin's password. The registry keeps only each credential's hash.
 */
export class DepartmentCredentials {
  constructor(private readonly db: RegistryDb) {}

  /** A new credential for `subgraph`; the only time the credential itself is ever returned. */
  async issue(subgraph: string, by: string): Promise<CredentialView & { credential: string }> {
    if (!SUBGRAPH_NAME.test(subgraph)) throw new RegistryError('BAD_INPUT', 'name: lower-case letters, digits and _, starting with a letter (2-40 characters).');
    if (await publishedBy(this.db, subgraph, BUILTIN_PUBLISHER)) {
      throw new RegistryError('FORBIDDEN', `${subgraph} is one of the platform's own subgraphs (rover.yaml); no department credential can manage it.`);
    }
    const credential = CREDENTIAL_PREFIX + randomBytes(32).toString('base64url');
    const row = await insertCredential(this.db, { id: randomUUID(), subgraph, token_hash: sha256(credential).toString('hex'), issued_by: by });
    return { ...view(row), credential };
  }

  /**
   * The department a credential lets in, or null (malformed, unknown or revoked). Looked up on
   * every request, so a revocation holds from the next request on. Finding the row by its hash
   * leaks nothing through timing: the presented credential's hash is what the index compares, and
   * a caller cannot choose a hash's bytes. The hashes are compared again in constant time so the
   * answer never rests on how the database compared text.
   */
  async verify(credential: string): Promise<DepartmentCaller | null> {
    if (!CREDENTIAL_SHAPE.test(credential)) return null;
    const hash = sha256(credential);
    const row = await findCredentialByHash(this.db, hash.toString('hex'));
    if (!row || !timingSafeEqual(Buffer.from(row.token_hash, 'hex'), hash) || row.revoked_at) return null;
    return { credentialId: row.id, subgraph: row.subgraph };
  }

  /** Every credential issued (for one subgraph, if given), revoked ones included, newest first. */
  async list(subgraph?: string): Promise<CredentialView[]> {
    return (await listCredentials(this.db, subgraph)).map(view);
  }

  /** Revokes one credential of `subgraph`; revoking it again changes nothing. */
  async revoke(subgraph: string, id: string, by: string): Promise<CredentialView> {
    const row = UUID.test(id) ? await revokeCredential(this.db, subgraph, id, by) : null;
    if (!row) throw new RegistryError('NOT_FOUND', `${subgraph} has no credential ${id}.`);
    return view(row);
  }
}

/** Who `Registry.registerBuiltins` records as the publisher of rover.yaml's subgraphs. */
export const BUILTIN_PUBLISHER = 'platform';
