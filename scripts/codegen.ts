import path from 'node:path';
import { ROOT } from '../core/root';
import { subgraphFolders, writeResolverTypes } from '../subgraphs/kit/resolver-types';

/**
 * `npm run codegen [-- <name>...]`: subgraphs/<name>/schema.graphql and codegen.ts →
 * subgraphs/<name>/generated/resolvers.ts, for every subgraph folder (or the ones named).
 */
const only = process.argv.slice(2);
for (const folder of subgraphFolders(path.join(ROOT, 'subgraphs'))) {
  if (only.length && !only.includes(path.basename(folder))) continue;
  console.log(`Resolver types written to ${path.relative(process.cwd(), await writeResolverTypes(folder))}`);
}
