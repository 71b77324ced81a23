import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../core/root';

const run = promisify(execFile);
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const FOLDERS = ['core', 'gateway', 'subgraphs', 'registry', 'platform', 'clients', 'schema', 'scripts', 'bench', 'test'];

/** dependency-cruiser's verdict on folders under `cwd`, with the project's rules. */
async function cruise(cwd: string, folders: string[]): Promise<{ ok: boolean; report: string }> {
  try {
    const { stdout } = await run(DEPCRUISE, ['--config', CONFIG, '--output-type', 'err', ...folders], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, report: stdout };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, report: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the direction of dependencies (.dependency-cruiser.cjs)', () => {
  it('holds for the whole project: core is neutral, subgraphs, gateway, registry and clients build on it, the platform composes them', async () => {
    const { ok, report } = await cruise(ROOT, FOLDERS);
    expect(report).toContain('no dependency violations found');
    expect(ok, report).toBe(true);
  }, 120_000); // dependency-cruiser over the whole project: 29–35 s on a busy 2-core machine

  it('fails on a violation (a core module importing the gateway, a subgraph importing the platform)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'depcruise-'));
    for (const folder of ['core', 'gateway', 'subgraphs/parks', 'platform']) mkdirSync(path.join(dir, folder), { recursive: true });
    copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
    writeFileSync(path.join(dir, 'gateway', 'server.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(dir, 'platform', 'config.ts'), 'export const y = 1;\n');
    writeFileSync(path.join(dir, 'core', 'identity.ts'), "import { x } from '../gateway/server';\nexport const z = x;\n");
    writeFileSync(path.join(dir, 'subgraphs', 'parks', 'server.ts'), "import { y } from '../../platform/config';\nexport const w = y;\n");
    const { ok, report } = await cruise(dir, ['core', 'gateway', 'subgraphs', 'platform']);
    expect(ok).toBe(false);
    expect(report).toContain('core-is-neutral');
    expect(report).toContain('subgraphs-stand-alone');
  });
});
