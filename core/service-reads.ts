/**
 * A document a subgraph may run over the gateway's internal path (`/service/graphql`), granted by
 * its module's `reads`: a plain document runs as the anonymous public (it sees what any visitor
 * sees); one wrapped by `asCaller` runs as the end user of the request the subgraph is serving, so
 * the owning subgraph decides by its own rules whether that user may see what is asked (a citizen's
 * own application, nobody else's).
 */
export type ServiceRead = string | { asCaller: string };

export const asCaller = (document: string): ServiceRead => ({ asCaller: document });
