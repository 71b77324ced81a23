import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { ensurePortalBuilt } from '../clients/web/build';
import { ROOT } from '../core/root';

/**
 * `npm run build`: the production build. The servers are bundled by esbuild into `dist/` (one
 * file per command, shared code in chunks, every npm package left as an import of its own), and
 * the web portal is built by Vite into `clients/web/dist`. What runs afterwards (`npm run
 * start:prod`, the image's parts) is plain JavaScript on Node: no TypeScript compiler, no Vite, no
 * devDependency. The build fails if the bundle imports a package that is not a dependency, since
 * `npm ci --omit=dev` would not install it.
 */
export const DIST = path.join(ROOT, 'dist');

/** What `node dist/<name>.js` runs. */
const ENTRIES = {
  start: 'scripts/start.ts', // the whole platform in one process (npm run start:prod)
  part: 'scripts/part.ts', // one part: gateway, registry or a subgraph (the image's command)
  migrate: 'scripts/migrate.ts',
  seed: 'scripts/seed.ts',
  admin: 'scripts/admin.ts', // the first admin of a production platform
  'identity-key': 'scripts/identity-key.ts',
  keys: 'scripts/keys.ts',
  subgraph: 'scripts/subgraph.ts', // the registry CLI
  transport: 'subgraphs/transport/index.ts', // the worked example of a department's subgraph, run apart
};

/**
 * Every module keeps its own `import.meta.url` (its place in the source tree) inside the bundle,
 * so what a module reads beside itself (a subgraph's schema.graphql, the repository root, the
 * portal's dist, the scaffold's template) is found exactly where it is in development.
 */
const ownModuleUrl: Plugin = {
  name: 'own-module-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const fromDist = path.relative(DIST, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
        // Declared first: a module's top level may use it before its own imports' code has run.
        contents = `const __ownModuleUrl = ${url};\n${contents.replaceAll('import.meta.url', '__ownModuleUrl')}`;
      }
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * npm packages stay imports of their own (`npm ci --omit=dev` installs them). Node's ESM loader
 * needs the file of a deep import into a package without an `exports` map (`ajv/dist/2020` is
 * `ajv/dist/2020.js`), which TypeScript's bundler resolution and tsx did not: such an import is
 * written out with the file Node's CommonJS resolution finds.
 */
function packageManifest(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (path.dirname(dir) === dir) return null;
  }
}

const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (name === args.path) return { path: args.path, external: true };
      const manifest = packageManifest(name, path.dirname(args.importer));
      if (!manifest || (JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }).exports) return { path: args.path, external: true };
      const file = createRequire(args.importer).resolve(args.path);
      return { path: `${name}/${path.relative(path.dirname(manifest), file).split(path.sep).join('/')}`, external: true };
    });
  },
};

/**
 * The npm packages a command loads when it starts (by package name), from esbuild's metafile:
 * followed from each entry through static imports only. What a dynamic `import()` loads on demand
 * (`npm run subgraph -- new` generating resolver types with graphql-codegen) is a developer's
 * tool and may need devDependencies.
 */
export function importedPackages(meta: Metafile, entries: string[] = Object.values(ENTRIES)): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of meta.outputs[file]?.imports ?? []) {
      if (imp.kind === 'dynamic-import') continue;
      if (!imp.external) visit(imp.path);
      else if (!imp.path.startsWith('node:')) {
        const parts = imp.path.split('/');
        names.add(imp.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
    }
  };
  // esbuild marks the target of a dynamic import as an entry point too: only the commands count.
  for (const [file, output] of Object.entries(meta.outputs)) if (output.entryPoint && entries.includes(output.entryPoint)) visit(file);
  return names;
}

export async function buildServers(): Promise<Metafile> {
  rmSync(DIST, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: DIST,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    // scripts/start.ts: the portal is built here, not at start, and Vite is not installed then.
    define: { 'process.env.EGOV_BUILD': '"production"' },
    plugins: [ownModuleUrl, packagesExternal],
  });
  // Node's own modules imported without `node:` are not packages.
  const builtins = new Set((await import('node:module')).builtinModules);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const missing = [...importedPackages(result.metafile)].filter((name) => !builtins.has(name) && !(name in pkg.dependencies));
  if (missing.length) throw new Error(`the production build imports packages that are not dependencies (npm ci --omit=dev leaves them out): ${missing.join(', ')}`);
  writeFileSync(path.join(DIST, 'package.json'), JSON.stringify({ type: 'module' }));
  return result.metafile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts', 'build.ts')) {
  const meta = await buildServers();
  console.log(`servers: ${Object.keys(meta.outputs).filter((f) => f.endsWith('.js')).length} files in dist/`);
  ensurePortalBuilt();
  console.log('portal: clients/web/dist');
}
