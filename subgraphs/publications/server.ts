import type { SubgraphDeps } from '../kit/module';
import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { createLoaders, type PublicationsContext } from './loaders';
import { PublicCounts } from './public-counts';
import { EventOutbox } from '../kit/event-outbox';
import { ANNOUNCE_EVERY_MS, announceScheduled } from './announcements';
import { Attachment } from './resolvers/Attachment';
import { Department } from './resolvers/Department';
import { Mutation } from './resolvers/Mutation';
import { Publication } from './resolvers/Publication';
import { PublicationChange } from './resolvers/PublicationChange';
import { Query } from './resolvers/Query';
import { WithdrawnPublication } from './resolvers/WithdrawnPublication';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the publications subgraph: news, announcements, policies and notices. Does not listen. */
export function buildPublications(deps: SubgraphDeps): SubgraphDefinition<PublicationsContext> {
  const db = deps.db as Db;
  // The public feed, search and their counts may come from a replica; everything else from the primary.
  const publicReads = deps.publicReads as Db;
  const counts = new PublicCounts(publicReads);
  const events = new EventOutbox({ stream: 'publications', db, bus: deps.events ?? null });
  return {
    name: 'publications',
    // Kept until a mutation, but never past the moment the next scheduled item turns public.
    cache: { ...UNTIL_A_MUTATION, narrow: () => counts.secondsTrue() },
    typeDefs,
    audit: { db },
    events,
    // Scheduled items turn public by the clock, with no write to emit their event: announced here.
    jobs: [{ name: 'announce scheduled publications', everyMs: ANNOUNCE_EVERY_MS, run: () => announceScheduled(db, events) }],
    resolvers: { Query, Mutation, Publication, Department, Attachment, PublicationChange, WithdrawnPublication } satisfies Resolvers,
    context: (base) => ({ ...base, db, publicReads, publicUrl: deps.publicUrl, files: deps.files, loaders: createLoaders(db), counts, events }),
  };
}
