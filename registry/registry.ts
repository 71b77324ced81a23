import type { ManifestOperation } from '../core/operations';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import { checkCandidate, composeSpecs, type CheckReport, type SubgraphSpec } from './check';
import { BUILTIN_PUBLISHER, DepartmentCredentials } from './credentials';
import { migrations } from './db/migrations/index';
import {
  findSubgraphVersion,
  findSubgraphVersions,
  findSupergraph,
  insertSubgraphVersion,
  insertSupergraph,
  latestSupergraphVersion,
  lockRegistry,
  subgraphHistory,
} from './db/registry.repository';
import type { RegistryDb, SubgraphVersionRow, SupergraphRow } from './db/tables';
import { RegistryError, SUBGRAPH_NAME } from './errors';
import { takenOver } from './ownership';

export { RegistryError };

export interface RegistryState {
  supergraph: SupergraphRow | null;
  subgraphs: SubgraphVersionRow[];
}

/** How far a caller is trusted: a department's credential may resolve only fields of its own. */
export interface Scope {
  ownFieldsOnly?: boolean;
}

export interface PublishResult {
  /** False when the candidate is exactly what is published already: nothing was stored. */
  changed: boolean;
  subgraph: { name: string; version: number };
  supergraphVersion: number;
  report: CheckReport;
}

const specOf = (row: SubgraphVersionRow): SubgraphSpec => ({ name: row.name, url: row.routing_url, sdl: row.sdl });

/**
 * The schema registry: stores subgraph versions and the supergraphs composed from them, and
 * refuses any change that does not compose or breaks a trusted client operation. Writers are
 * serialised by an advisory lock; composition runs outside the transaction (it is CPU-bound, and
 * the embedded database has one connection the whole platform shares).
 */
export class Registry {
  /** Who may manage which subgraph besides admins (`credentials.ts`). */
  readonly credentials: DepartmentCredentials;

  constructor(
    readonly db: RegistryDb,
    private readonly operations: ManifestOperation[],
  ) {
    this.credentials = new DepartmentCredentials(db);
  }

  /** Creates or updates the registry's tables in their own Postgres schema. */
  static async open(db: RegistryDb, schema: string, operations: ManifestOperation[]): Promise<Registry> {
    await migrateToLatest(db, schema, migrations);
    return new Registry(db, operations);
  }

  async state(): Promise<RegistryState> {
    const supergraph = await findSupergraph(this.db);
    return { supergraph, subgraphs: supergraph ? await findSubgraphVersions(this.db, supergraph.members) : [] };
  }

  /** The newest supergraph's version, cheap enough to poll every second. */
  latestVersion(): Promise<number | null> {
    return latestSupergraphVersion(this.db);
  }

  supergraph(version?: number): Promise<SupergraphRow | null> {
    return findSupergraph(this.db, version);
  }

  history(name: string): Promise<SubgraphVersionRow[]> {
    return subgraphHistory(this.db, name);
  }

  /** Composes the candidate with the current others and checks it; stores nothing. */
  async check(candidate: SubgraphSpec, scope: Scope = {}): Promise<CheckReport> {
    validateSpec(candidate);
    const state = await this.state();
    const report = await checkCandidate({
      current: state.subgraphs.map(specOf),
      currentSupergraphSdl: state.supergraph?.sdl ?? null,
      candidate,
      operations: this.operations,
    });
    if (scope.ownFieldsOnly) refuseTakeover(report, candidate.name);
    return report;
  }

  /** Checks, then stores the new subgraph version and the supergraph composed with it. */
  async publish(candidate: SubgraphSpec, by: string, scope: Scope = {}): Promise<PublishResult> {
    return this.change(candidate, by, 'publish', null, scope);
  }

  /**
   * Makes an earlier stored version of a subgraph current again (the one before the current one
   * by default). Checked like a publish; it records a new supergraph, never rewrites history.
   */
  async rollback(name: string, by: string, version?: number, scope: Scope = {}): Promise<PublishResult> {
    const state = await this.state();
    const current = state.supergraph?.members[name];
    if (current === undefined) throw new RegistryError('NOT_FOUND', `No subgraph named ${name} is published.`);
    const target = version ?? current - 1;
    const row = target >= 1 ? await findSubgraphVersion(this.db, name, target) : null;
    if (!row) throw new RegistryError('NOT_FOUND', `${name} has no version ${target} to roll back to.`);
    return this.change(specOf(row), by, 'rollback', row.version, scope);
  }

  /**
   * Registers the built-in subgraphs (rover.yaml) at platform start: a new version only for those
   * whose SDL or URL changed, and a new supergraph only when something did. Subgraphs departments
   * published stay in. Only composition is checked: the built-ins' SDL is reviewed in this repo.
   */
  async registerBuiltins(specs: SubgraphSpec[]): Promise<{ changed: string[]; supergraphVersion: number }> {
    for (;;) {
      const state = await this.state();
      const byName = new Map(state.subgraphs.map((s) => [s.name, s]));
      const changed = specs.filter((s) => byName.get(s.name)?.sdl !== s.sdl || byName.get(s.name)?.routing_url !== s.url);
      if (!changed.length && state.supergraph) return { changed: [], supergraphVersion: state.supergraph.version };
      const names = new Set(specs.map((s) => s.name));
      const all = [...specs, ...state.subgraphs.filter((s) => !names.has(s.name)).map(specOf)];
      const composed = composeSpecs(all);
      if (!composed.ok) {
        throw new RegistryError('COMPOSITION_FAILED', `The built-in subgraphs do not compose with the published ones:\n  ${composed.errors.join('\n  ')}`);
      }
      const saved = await this.db.transaction().execute(async (trx) => {
        await lockRegistry(trx);
        if ((await latestSupergraphVersion(trx)) !== (state.supergraph?.version ?? null)) return null; // someone else wrote: redo
        const members: Record<string, number> = { ...(state.supergraph?.members ?? {}) };
        for (const s of changed) {
          members[s.name] = (await insertSubgraphVersion(trx, { name: s.name, routing_url: s.url, sdl: s.sdl, published_by: BUILTIN_PUBLISHER })).version;
        }
        return insertSupergraph(trx, { sdl: composed.supergraphSdl, members, action: 'register', subject: null, published_by: BUILTIN_PUBLISHER });
      });
      if (saved) return { changed: changed.map((s) => s.name), supergraphVersion: saved.version };
    }
  }

  private async change(candidate: SubgraphSpec, by: string, action: 'publish' | 'rollback', reuseVersion: number | null, scope: Scope): Promise<PublishResult> {
    validateSpec(candidate);
    // Optimistic: check against the state read here, store only if nobody wrote in between.
    for (let attempt = 0; attempt < 5; attempt++) {
      const state = await this.state();
      const existing = state.subgraphs.find((s) => s.name === candidate.name);
      const report = await checkCandidate({
        current: state.subgraphs.map(specOf),
        currentSupergraphSdl: state.supergraph?.sdl ?? null,
        candidate,
        operations: this.operations,
      });
      if (report.compositionErrors.length) {
        throw new RegistryError('COMPOSITION_FAILED', `${candidate.name} does not compose with the other subgraphs.`, report);
      }
      if (!report.ok) {
        const names = report.brokenOperations.map((o) => o.name).join(', ');
        throw new RegistryError('CHECK_FAILED', `${candidate.name} would break client operations: ${names}.`, report);
      }
      if (scope.ownFieldsOnly) refuseTakeover(report, candidate.name);
      if (existing && existing.sdl === candidate.sdl && existing.routing_url === candidate.url && state.supergraph) {
        return { changed: false, subgraph: { name: existing.name, version: existing.version }, supergraphVersion: state.supergraph.version, report };
      }
      const saved = await this.db.transaction().execute(async (trx) => {
        await lockRegistry(trx);
        if ((await latestSupergraphVersion(trx)) !== (state.supergraph?.version ?? null)) return null;
        const version =
          reuseVersion ??
          (await insertSubgraphVersion(trx, { name: candidate.name, routing_url: candidate.url, sdl: candidate.sdl, published_by: by })).version;
        const members = { ...(state.supergraph?.members ?? {}), [candidate.name]: version };
        const supergraph = await insertSupergraph(trx, { sdl: report.supergraphSdl!, members, action, subject: candidate.name, published_by: by });
        return { version, supergraphVersion: supergraph.version };
      });
      if (saved) return { changed: true, subgraph: { name: candidate.name, version: saved.version }, supergraphVersion: saved.supergraphVersion, report };
    }
    throw new RegistryError('CONFLICT', 'The registry kept changing while this change was checked; try again.');
  }
}

/** Refuses a candidate that would take over fields other subgraphs resolve (`ownership.ts`). */
function refuseTakeover(report: CheckReport, name: string): void {
  const taken = report.supergraphSdl ? takenOver(report.supergraphSdl, name) : [];
  if (taken.length) {
    throw new RegistryError('FORBIDDEN', `${name} may resolve only fields of its own; it would take over ${taken.join(', ')}.`, report);
  }
}

function validateSpec(s: SubgraphSpec): void {
  const problems: string[] = [];
  if (!SUBGRAPH_NAME.test(s.name ?? '')) problems.push('name: lower-case letters, digits and _, starting with a letter (2-40 characters)');
  try {
    if (!/^https?:$/.test(new URL(s.url).protocol)) throw new Error();
  } catch {
    problems.push('url: an http(s) URL where the gateway reaches the subgraph');
  }
  if (typeof s.sdl !== 'string' || !s.sdl.trim()) problems.push('schema: the subgraph SDL');
  if (problems.length) throw new RegistryError('BAD_INPUT', `Invalid subgraph: ${problems.join('; ')}.`);
}
