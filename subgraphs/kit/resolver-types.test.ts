import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../core/root';
import { generatedFile, generateResolverTypes } from './resolver-types';

/**
 * The subgraph folders the repository holds (tracked by git). Not a listing of subgraphs/: other
 * tests scaffold throwaway subgraphs there (registry/scaffold.test.ts) while this one runs.
 */
function committedSubgraphs(): string[] {
  const files = execFileSync('git', ['ls-files', '-z', '--', 'subgraphs/*/schema.graphql'], { cwd: ROOT, encoding: 'utf8' });
  return files.split('\0').filter((f) => f.split('/').length === 3).map((f) => path.join(ROOT, path.dirname(f)));
}

describe('generated resolver types', () => {
  it('are checked for every subgraph folder (the listing below finds them all)', () => {
    expect(committedSubgraphs().map((f) => path.basename(f)).sort()).toEqual(
      expect.arrayContaining(['applications', 'feedback', 'identity', 'procedures', 'publications', 'transport']),
    );
  });

  it.each(committedSubgraphs().map((folder) => [path.basename(folder), folder]))(
    '%s: generated/resolvers.ts is what its SDL and codegen.ts give (else run `npm run codegen`)',
    async (name, folder) => {
      const file = generatedFile(folder);
      expect(existsSync(file), `subgraphs/${name}/generated/resolvers.ts is missing: run \`npm run codegen\``).toBe(true);
      const fresh = (await generateResolverTypes(folder)).split('\n');
      const committed = readFileSync(file, 'utf8').split('\n');
      // A whole-file toBe prints a useless diff; say which line differs first.
      const lines = Math.max(committed.length, fresh.length);
      let same = 0;
      while (same < lines && committed[same] === fresh[same]) same++;
      expect(same, `subgraphs/${name}/generated/resolvers.ts is stale from line ${same + 1}: run \`npm run codegen\``).toBe(lines);
    },
  );
});
