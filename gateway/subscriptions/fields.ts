import { hasRole, type Identity } from '../../core/identity';

/**
 * What each subscription field of the graph listens to (core/events.ts, the events contract):
 * the stream and topic, which events concern this subscriber (the payload against their identity
 * and arguments), and the query root field that reads the entity as the subscriber for each of
 * them. That read, through the whole federated graph, is where authorization is decided; the
 * filter only spares reads that could not concern the subscriber.
 */
export interface SubscriptionField {
  stream: string;
  topic: string;
  /** Who may subscribe at all: null, or a refusal's code and message. */
  admit: (who: Identity) => [code: string, message: string] | null;
  /** Whether an event's payload concerns this subscriber, with these arguments. */
  concerns: (payload: Record<string, unknown>, who: Identity, args: Record<string, unknown>) => boolean;
  /** The query root field that reads the entity by `id`. */
  rootField: string;
  /** The entity's id in the payload. */
  entityId: (payload: Record<string, unknown>) => unknown;
}

const signedIn = (who: Identity): [string, string] | null =>
  who.userId ? null : ['UNAUTHENTICATED', 'Sign in to follow your own affairs.'];

export const SUBSCRIPTION_FIELDS: Record<string, SubscriptionField> = {
  publicationPublished: {
    stream: 'publications',
    topic: 'publication.published',
    admit: () => null,
    concerns: (p, _who, args) => matchesPublicationFilter(p, (args.filter ?? null) as PublicationFilter | null),
    rootField: 'publication',
    entityId: (p) => p.publicationId,
  },
  myApplicationUpdated: {
    stream: 'applications',
    topic: 'application.updated',
    admit: signedIn,
    concerns: (p, who) => !!who.userId && p.applicantId === who.userId,
    rootField: 'application',
    entityId: (p) => p.applicationId,
  },
  departmentApplicationsChanged: {
    stream: 'applications',
    topic: 'application.updated',
    admit: (who) =>
      signedIn(who) ??
      (hasRole(who, 'ADMIN') || (hasRole(who, 'OFFICER') && who.departmentId)
        ? null
        : ['FORBIDDEN', 'Only officers of a department and admins follow a department’s applications.']),
    // The read decides too: an officer moved to another department no longer reads the old one's.
    concerns: (p, who) => hasRole(who, 'ADMIN') || (hasRole(who, 'OFFICER') && !!who.departmentId && p.departmentId === who.departmentId),
    rootField: 'application',
    entityId: (p) => p.applicationId,
  },
  myFeedbackUpdated: {
    stream: 'feedback',
    topic: 'feedback.updated',
    admit: signedIn,
    concerns: (p, who) => !!who.userId && p.authorId === who.userId,
    rootField: 'feedback',
    entityId: (p) => p.feedbackId,
  },
};

interface PublicationFilter {
  kinds?: string[] | null;
  departmentId?: string | null;
  topic?: string | null;
  publishedFrom?: string | null;
  publishedBefore?: string | null;
}

/** `PublicationFilter` as `Query.publications` applies it, on an event's payload. */
export function matchesPublicationFilter(p: Record<string, unknown>, filter: PublicationFilter | null): boolean {
  if (!filter) return true;
  if (filter.kinds?.length && !filter.kinds.includes(String(p.kind))) return false;
  if (filter.departmentId && filter.departmentId !== p.departmentId) return false;
  if (filter.topic) {
    const wanted = filter.topic.toLowerCase();
    if (!Array.isArray(p.topics) || !p.topics.some((t) => String(t).toLowerCase() === wanted)) return false;
  }
  const at = Date.parse(String(p.publishedAt));
  if (filter.publishedFrom && !(at >= Date.parse(filter.publishedFrom))) return false;
  if (filter.publishedBefore && !(at < Date.parse(filter.publishedBefore))) return false;
  return true;
}
