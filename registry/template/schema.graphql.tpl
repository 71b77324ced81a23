extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

"""
An instant in time, ISO 8601 with a time zone (`2026-11-27T09:30:00.000Z`).
"""
scalar DateTime

"""
An entry the __Pascal__ department publishes. Rename it to what your department offers (a route,
a permit type, an inspection) and describe every field for the front-end developers who use it.
"""
type __Pascal__Entry @key(fields: "id") {
  "Stable identifier."
  id: ID!
  "One-line title, as people read it."
  title: String!
  "What it is and what a person can do with it."
  description: String!
  "The department responsible for it."
  department: Department!
  "When it was added."
  createdAt: DateTime!
}

"""
A government department (owned by the identity subgraph); __name__ adds its entries.
"""
type Department @key(fields: "id") {
  "Stable identifier."
  id: ID!
  "This department's __name__ entries, newest first."
  __camel__Entries: [__Pascal__Entry!]!
}

type Query {
  "Every __name__ entry, newest first (at most `first`)."
  __camel__Entries(first: Int = 20): [__Pascal__Entry!]!
}
