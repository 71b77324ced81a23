/** The platform's typed SDK: every contract operation as a typed document, and a client to run them. */
export * from './generated';
export { createClient, GraphQLRequestError, type Client, type ClientOptions, type RequestOptions } from './client';
