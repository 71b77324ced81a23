import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../core/root';

/** rover.yaml, the one list of built-in subgraphs, read as Rover reads it. */
export const ROVER_CONFIG = path.join(ROOT, 'rover.yaml');
export const SUPERGRAPH_FILE = path.join(ROOT, 'schema', 'supergraph.graphql');

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  schemaFile: string;
}

export interface RoverConfig {
  federationVersion: string;
  subgraphs: SubgraphEntry[];
}

export function readRoverConfig(file = ROVER_CONFIG): RoverConfig {
  const doc = parse(readFileSync(file, 'utf8')) as {
    federation_version?: string;
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
  };
  const problems: string[] = [];
  if (!doc?.federation_version) problems.push('federation_version is missing');
  const subgraphs = Object.entries(doc?.subgraphs ?? {}).map(([name, s]) => {
    if (!s?.routing_url) problems.push(`subgraph ${name}: routing_url is missing`);
    if (!s?.schema?.file) problems.push(`subgraph ${name}: schema.file is missing`);
    return { name, routingUrl: s?.routing_url ?? '', schemaFile: path.resolve(path.dirname(file), s?.schema?.file ?? '') };
  });
  if (subgraphs.length === 0) problems.push('no subgraphs are listed');
  if (problems.length) throw new Error(`${file} is not a valid supergraph config:\n  ${problems.join('\n  ')}`);
  return { federationVersion: doc.federation_version!, subgraphs };
}
