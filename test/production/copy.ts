import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../core/root';

/**
 * The production build laid out as the image's last stage lays it out (the Dockerfile's
 * `COPY --from=build` lines, read from it), with `npm ci --omit=dev`: no TypeScript, tsx, esbuild,
 * Vite or vitest. What runs from here proves the build needs no dev dependency.
 */
export const DEV_ONLY = ['tsx', 'typescript', 'esbuild', 'vite', 'vitest', '@vitejs/plugin-react'];

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: undefined } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** What the image's final stage copies from the build stage (paths inside /app). */
export function imagePaths(): string[] {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const lastStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  return [...lastStage.matchAll(/^COPY --from=build (.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/)).map((p) => p.replace(/^\/app\//, ''));
}

/** Builds (npm run build) and returns a folder holding the production install. `EGOV_PRODUCTION_DIR` reuses one. */
export function productionCopy(): string {
  const reuse = process.env.EGOV_PRODUCTION_DIR;
  if (reuse && existsSync(path.join(reuse, 'dist', 'part.js'))) return reuse;
  run('npm', ['run', '-s', 'build'], ROOT);
  const dir = mkdtempSync(path.join(tmpdir(), 'egov-production-'));
  for (const p of [...imagePaths(), 'package-lock.json']) cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], dir);
  for (const name of DEV_ONLY) {
    if (existsSync(path.join(dir, 'node_modules', name))) throw new Error(`npm ci --omit=dev installed ${name}, a dev dependency`);
  }
  return dir;
}
