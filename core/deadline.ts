/**
 * The code of a request that reached its commit after the deadline its caller set (the gateway
 * waits SUBGRAPH_TIMEOUT_MS for a subgraph call, then answers the client 503): the subgraph rolls
 * it back instead, so a refusal the client was given means nothing was kept, and sending the
 * request again is safe with or without an idempotency key.
 */
export const DEADLINE_PASSED = 'DEADLINE_PASSED';
