import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { eachReachableField } from './rules/support';

/**
 * Root mutation fields whose work is a password hash in the identity subgraph: sign-in,
 * registration, a password change. Identity runs at most PASSWORD_HASH_CONCURRENCY hashes at once
 * (four more waiting per slot) and refuses the rest with 429.
 */
export const PASSWORD_FIELDS = ['login', 'register', 'changePassword'];

/** What a refusal tells the client to wait: a hash takes tens of milliseconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Admission at the edge for password work. Refused in identity, each request of a sign-in flood
 * still costs a plan, a signed subgraph call and the subgraph's own pipeline, and under a flood
 * those refusals are nearly all of it. Counted here, an operation that asks for a password field
 * while `limit` such operations are already under way in this gateway is refused before any plan
 * runs (RATE_LIMITED: HTTP 429 with Retry-After), so the excess costs the gateway a parse it has
 * cached and nothing else. Identity's own bound still holds across gateways.
 */
export class PasswordAdmission {
  private inFlight = 0;
  private readonly fields: ReadonlySet<string>;

  /** `limit` 0: no admission here (identity's bound alone). */
  constructor(private readonly limit: number, fields: readonly string[] = PASSWORD_FIELDS) {
    this.fields = new Set(fields);
  }

  /**
   * A place for `operation` when it asks for a password field (through fragments too), released
   * by calling what is returned; undefined when it needs none. Throws RATE_LIMITED when full.
   */
  enter(document: DocumentNode, operation: OperationDefinitionNode): (() => void) | undefined {
    if (this.limit === 0 || operation.operation !== 'mutation' || !this.asksPasswordWork(document, operation)) return undefined;
    if (this.inFlight >= this.limit) {
      throw new GraphQLError(`Too many sign-ins at once. Try again in ${RETRY_AFTER_SECONDS} s.`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: RETRY_AFTER_SECONDS },
      });
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
    };
  }

  private asksPasswordWork(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let asks = false;
    eachReachableField(operation.selectionSet, { getFragment: (name) => fragments.get(name) }, (field) => {
      if (this.fields.has(field.name.value)) asks = true;
      return false; // root fields only
    });
    return asks;
  }
}
