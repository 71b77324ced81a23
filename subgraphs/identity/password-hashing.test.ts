import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASHING_NICE } from './hash-threads';
import { PasswordHashing } from './password-hashing';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
const niceOfThreads = () =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

describe('password hashing on threads of its own', () => {
  it('hashes and verifies, and knows a hash of older parameters for outdated', async () => {
    const hashing = new PasswordHashing(2);
    const hash = await hashing.hash('a-password-of-ours');
    expect(await hashing.verify(hash, 'a-password-of-ours')).toBe(true);
    expect(await hashing.verify(hash, 'another-password')).toBe(false);
    expect(hashing.isOutdated(hash)).toBe(false);
    // node-argon2's defaults (64 MiB, 3 passes, 4 lanes), as hashes were stored before.
    expect(hashing.isOutdated('$argon2id$v=19$m=65536,p=4,t=3$BEoHXMNorCUCwlpS2qtY7A$yW9WlnPjpa7GmkfOTnOAGZhbBOdYo7OR/MLHLaTaTT4')).toBe(true);
  });

  it.runIf(process.platform === 'linux')('runs them at a lower CPU priority than the threads that serve requests', async () => {
    // Relative to the run's own priority (0, 10 under \`nice\`, 19 under \`nice -n 19\`), never above it.
    const serving = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
    const hashingNice = Math.min(19, serving + HASHING_NICE);
    const before = niceOfThreads().filter((n) => n === hashingNice).length;
    const hashing = new PasswordHashing(1);
    await hashing.verify(await hashing.hash('x'.repeat(12)), 'x'.repeat(12));
    const nices = niceOfThreads();
    expect(nices.filter((n) => n === hashingNice).length).toBe(before + 1);
    // This thread, which serves requests, keeps its priority.
    expect(Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16])).toBe(serving);
  });

  it('hashes at the cost it was given, and knows a hash of the other cost for outdated', async () => {
    const minimal = new PasswordHashing(1, 'minimal');
    const owasp = new PasswordHashing(1);
    const cheap = await minimal.hash('a-password-of-ours');
    const costly = await owasp.hash('a-password-of-ours');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(costly).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect([minimal.isOutdated(cheap), minimal.isOutdated(costly), owasp.isOutdated(cheap), owasp.isOutdated(costly)]).toEqual([false, true, true, false]);
    // Either verifies whatever its cost: a hash carries its own parameters.
    expect(await minimal.verify(costly, 'a-password-of-ours')).toBe(true);
    expect(await minimal.decoy()).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    await Promise.all([minimal.close(), owasp.close()]);
  });

  it('refuses a malformed stored hash as an error, not a match', async () => {
    await expect(new PasswordHashing(1).verify('not-a-hash', 'x')).rejects.toThrow();
  });
});
