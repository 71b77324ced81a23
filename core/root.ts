import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, found from this file, so no path depends on the working directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
