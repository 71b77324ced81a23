import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web portal into clients/web/dist when it is missing or older than its sources, so
 * `npm start` and the browser tests always serve the current portal and stay fast when it is fresh.
 */
const WEB = path.dirname(fileURLToPath(import.meta.url));
const INPUTS = ['src', 'index.html', 'vite.config.ts', '../operations'].map((p) => path.join(WEB, p));

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

export function portalIsStale(): boolean {
  const index = path.join(WEB, 'dist', 'index.html');
  return !existsSync(index) || Math.max(...INPUTS.map(newest)) > statSync(index).mtimeMs;
}

/** Runs `vite build` in a child process (vite inside vitest's workers is asking for trouble). */
export function ensurePortalBuilt(log: (line: string) => void = console.log): void {
  if (!portalIsStale()) return;
  log('building the web portal (clients/web)…');
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the web portal failed (exit ${r.status})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) ensurePortalBuilt();
