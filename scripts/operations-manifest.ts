import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../schema/rover-config';
import { buildManifest } from '../gateway/trusted-documents';

/** `npm run operations`: clients/operations/**.graphql → clients/operations/manifest.json. */
const folder = path.join(ROOT, 'clients', 'operations');
const manifest = buildManifest(folder);
writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`${manifest.operations.length} trusted operations written to clients/operations/manifest.json`);
