import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_FILE, generateSdk } from './codegen';

/** `npm run sdk`: schema/supergraph.graphql + clients/operations/** → clients/sdk/generated.ts. */
writeFileSync(GENERATED_FILE, await generateSdk());
console.log(`SDK written to ${path.relative(process.cwd(), GENERATED_FILE)}`);
