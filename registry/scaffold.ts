import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAME } from './errors';

/** The template a new department subgraph starts from (`npm run subgraph -- new <name>`). */
export const TEMPLATE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'template');

export function namesFor(name: string) {
  if (!SUBGRAPH_NAME.test(name)) throw new Error(`${name}: use lower-case letters, digits and _, starting with a letter (2-40 characters)`);
  const words = name.split('_').filter(Boolean);
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return { name, pascal, camel: pascal[0].toLowerCase() + pascal.slice(1) };
}

/**
 * Writes `<subgraphsDir>/<name>/` from the template: every `__name__`, `__Pascal__` and `__camel__`
 * in file names and contents replaced, then its resolver types generated from its SDL (what
 * `npm run codegen` does), so it type-checks from the start. Refuses to touch an existing folder.
 * Returns the files written.
 */
export async function scaffold(name: string, subgraphsDir: string): Promise<string[]> {
  const names = namesFor(name);
  const target = path.join(subgraphsDir, name);
  if (existsSync(target)) throw new Error(`${target} exists already; pick another name or remove it`);
  const fill = (text: string) =>
    text.replaceAll('__Pascal__', names.pascal).replaceAll('__camel__', names.camel).replaceAll('__name__', names.name);
  const written: string[] = [];
  for (const file of (readdirSync(TEMPLATE_DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.tpl')).sort()) {
    const out = path.join(target, fill(file.slice(0, -'.tpl'.length)));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, fill(readFileSync(path.join(TEMPLATE_DIR, file), 'utf8')));
    written.push(out);
  }
  // Loaded here, not at the top: graphql-codegen is a dev dependency, and the registry CLI's other
  // commands (check, publish) load this module too.
  const { writeResolverTypes } = await import('../subgraphs/kit/resolver-types');
  written.push(await writeResolverTypes(target));
  return written;
}
