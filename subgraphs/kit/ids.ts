/**
 * Ids of the platform's records are UUIDs. A value that is not one names no record: a resolver
 * answers it exactly as it answers a well-formed id that matches nothing (the contract: ids cannot
 * be probed), without asking the database, which would refuse the cast with a 500.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
