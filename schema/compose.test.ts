import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { composeFromConfig } from './compose';
import { ROOT } from '../core/root';
import { readRoverConfig, SUPERGRAPH_FILE } from './rover-config';

const run = promisify(execFile);

/** A copy of rover.yaml and the subgraph SDL in a temp folder, with one SDL replaced. */
function workspaceWith(subgraph: string, sdl: (original: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
  cpSync(path.join(ROOT, 'rover.yaml'), path.join(dir, 'rover.yaml'));
  for (const s of readRoverConfig().subgraphs) {
    const target = path.join(dir, 'subgraphs', s.name, 'schema.graphql');
    cpSync(s.schemaFile, target);
    if (s.name === subgraph) writeFileSync(target, sdl(readFileSync(s.schemaFile, 'utf8')));
  }
  return dir;
}

async function composeIn(dir: string) {
  try {
    const r = await run('npx', ['tsx', 'scripts/compose.ts', '--config', path.join(dir, 'rover.yaml'), '--output', path.join(dir, 'out.graphql')], { cwd: ROOT });
    return { code: 0, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe('composition', () => {
  it('the committed supergraph is what rover.yaml composes to (run `npm run compose` when this fails)', () => {
    const result = composeFromConfig(readRoverConfig());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(result.supergraphSdl + '\n');
  });

  it('rover.yaml is valid Rover config with five subgraphs on ports 4001-4005', () => {
    const config = readRoverConfig();
    expect(config.federationVersion).toMatch(/^=2\.\d+\.\d+$/);
    expect(config.subgraphs.map((s) => [s.name, new URL(s.routingUrl).port])).toEqual([
      ['identity', '4001'], ['publications', '4002'], ['procedures', '4003'], ['applications', '4004'], ['feedback', '4005'],
    ]);
  });

  it('fails naming the subgraph when its SDL does not parse', async () => {
    const dir = workspaceWith('procedures', (sdl) => sdl + '\ntype Broken {');
    const r = await composeIn(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[procedures]');
  });

  it('fails naming the subgraphs when they disagree', async () => {
    // A value type identity owns, redeclared differently (feedback itself contributes to Department).
    const dir = workspaceWith('feedback', (sdl) => sdl + '\ntype DepartmentContact { phone: Int }\n');
    const r = await composeIn(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/feedback/);
    expect(r.stderr).toMatch(/identity/);
  });
});
