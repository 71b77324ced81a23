/** HTTP headers the gateway and the subgraphs agree on. */

/** Carries the gateway-signed identity of the caller to one subgraph, for one request. */
export const IDENTITY_HEADER = 'x-egov-identity';

/** The request id, from the gateway to every subgraph call of a request (and back to the client). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * On the gateway's internal listener: the identity token a subgraph received for the request it is
 * serving, presented as proof when it asks for data another subgraph owns.
 */
export const DELEGATION_HEADER = 'x-egov-delegation';
