import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { compose, type ComposeInput } from '../schema/compose';
import type { ManifestOperation } from '../core/operations';

/** One subgraph as the registry knows it: what composition needs. */
export interface SubgraphSpec {
  name: string;
  url: string;
  sdl: string;
}

export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'SAFE';
  message: string;
  path: string | null;
}

export interface BrokenOperation {
  name: string;
  id: string;
  errors: string[];
}

export interface CheckReport {
  /** True when the candidate may be published: it composes and breaks no client operation. */
  ok: boolean;
  compositionErrors: string[];
  /** Changes of the public (API) schema against the current supergraph's. */
  changes: SchemaChange[];
  /** Trusted client operations valid today that would fail against the candidate. */
  brokenOperations: BrokenOperation[];
  /** The candidate supergraph, when it composes. */
  supergraphSdl: string | null;
}

/** The schema clients see: the supergraph without federation's machinery and @inaccessible parts. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Composes a set of subgraphs; an SDL that does not parse is a composition error naming it. */
export function composeSpecs(specs: SubgraphSpec[]): { ok: true; supergraphSdl: string } | { ok: false; errors: string[] } {
  const inputs: ComposeInput[] = [];
  const errors: string[] = [];
  for (const s of specs) {
    try {
      inputs.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (err) {
      errors.push(`[${s.name}] ${(err as Error).message}`);
    }
  }
  return errors.length ? { ok: false, errors } : compose(inputs);
}

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/**
 * Checks a candidate subgraph against the others: does it compose, what changes for clients
 * (graphql-inspector's criticality), and which of the platform's own client operations would it
 * break. Breaking changes no client operation uses are reported but do not block: the trusted
 * operations are what the web, mobile and officer clients actually send.
 */
export async function checkCandidate(opts: {
  current: SubgraphSpec[];
  currentSupergraphSdl: string | null;
  candidate: SubgraphSpec;
  operations: ManifestOperation[];
}): Promise<CheckReport> {
  const others = opts.current.filter((s) => s.name !== opts.candidate.name);
  const composed = composeSpecs([...others, opts.candidate]);
  if (!composed.ok) return { ok: false, compositionErrors: composed.errors, changes: [], brokenOperations: [], supergraphSdl: null };

  const next = apiSchema(composed.supergraphSdl);
  const before = opts.currentSupergraphSdl ? apiSchema(opts.currentSupergraphSdl) : null;
  const changes = before
    ? (await diff(before, next)).map((c) => ({ level: LEVELS[c.criticality.level], message: c.message, path: c.path ?? null }))
    : [];

  const brokenOperations: BrokenOperation[] = [];
  for (const op of opts.operations) {
    const doc = parse(op.body);
    if (before && validate(before, doc).length) continue; // already not valid today: not this change's doing
    const errors = validate(next, doc);
    if (errors.length) brokenOperations.push({ name: op.name, id: op.id, errors: errors.map((e) => e.message) });
  }
  return { ok: brokenOperations.length === 0, compositionErrors: [], changes, brokenOperations, supergraphSdl: composed.supergraphSdl };
}
