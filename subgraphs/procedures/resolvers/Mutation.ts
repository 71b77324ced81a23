export const Mutation = {};
