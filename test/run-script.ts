import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../core/root';

export interface ScriptRun {
  /** The exit code; -1 when it had none (killed, or timed out). */
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's scripts as `npm run` would (a child Node.js process through tsx, from
 * the project's root), with exactly the environment given. Asynchronous on purpose: a test that
 * waited with spawnSync would stop its worker's event loop, and the gateway would close the
 * worker's idle keep-alive connections unseen ("other side closed" at the next request).
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}
