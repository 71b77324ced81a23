import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeFromConfig } from '../schema/compose';
import { readRoverConfig, ROVER_CONFIG, SUPERGRAPH_FILE } from '../schema/rover-config';

/**
 * `npm run compose [-- --config rover.yaml --output schema/supergraph.graphql]`: composes the
 * subgraphs in-process, as `rover supergraph compose` would. Exits 1 on any error, naming the subgraph.
 */
const { values } = parseArgs({ options: { config: { type: 'string' }, output: { type: 'string' } } });
try {
  const result = composeFromConfig(readRoverConfig(values.config ?? ROVER_CONFIG));
  if (!result.ok) {
    console.error(`Composition failed:\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
    process.exit(1);
  }
  const output = values.output ?? SUPERGRAPH_FILE;
  writeFileSync(output, result.supergraphSdl + '\n');
  console.log(`Composed ${output}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
