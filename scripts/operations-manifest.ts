import { writeFileSync } from 'node:fs';
import { buildManifest, MANIFEST_FILE } from '../core/operations';

/** `npm run operations`: clients/operations/**.graphql → clients/operations/manifest.json. */
const manifest = buildManifest();
writeFileSync(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n');
console.log(`${manifest.operations.length} trusted operations written to clients/operations/manifest.json`);
