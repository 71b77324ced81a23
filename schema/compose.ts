import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import type { RoverConfig } from './rover-config';

export interface ComposeInput {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes subgraphs into a supergraph; every error names the subgraph it comes from. */
export function compose(services: ComposeInput[]): ComposeResult {
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((e) => {
        const where = new Set((e.nodes ?? []).map((n) => (n as { subgraph?: string }).subgraph).filter(Boolean));
        return `${where.size ? `[${[...where].join(', ')}] ` : ''}${e.message}`;
      }),
    };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

/** Reads every subgraph's SDL named by rover.yaml; a file that does not parse is reported by subgraph name. */
export function composeFromConfig(config: RoverConfig): ComposeResult {
  const errors: string[] = [];
  const services: ComposeInput[] = [];
  for (const s of config.subgraphs) {
    try {
      services.push({ name: s.name, url: s.routingUrl, typeDefs: parse(readFileSync(s.schemaFile, 'utf8')) });
    } catch (err) {
      errors.push(`[${s.name}] ${s.schemaFile}: ${(err as Error).message}`);
    }
  }
  if (errors.length) return { ok: false, errors };
  return compose(services);
}
