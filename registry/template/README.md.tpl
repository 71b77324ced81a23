# __name__ subgraph

A department's own subgraph, published to the schema registry at runtime (not in `rover.yaml`).

Owns **`__Pascal__Entry`**; contributes **`Department.__camel__Entries`** (identity owns `Department`).

| | |
| --- | --- |
| Postgres schema | `__name__`: `entries` |
| Queries | `__camel__Entries(first)` |

## Run, check, publish

```sh
SUBGRAPH_PORT=4010 npx tsx subgraphs/__name__/index.ts          # its own database under DATA_DIR, or DATABASE_URL
npx vitest run subgraphs/__name__                                  # its test
npm run subgraph -- check   --name __name__ --schema subgraphs/__name__/schema.graphql
npm run subgraph -- publish --name __name__ --schema subgraphs/__name__/schema.graphql --url http://127.0.0.1:4010/graphql
```

Rename `__Pascal__Entry` to what your department offers, describe every type and field, add
migrations at the end of `db/migrations/index.ts`, and keep every lookup by key behind a loader
(`loaders.ts`). See `registry/README.md` for checks, versions and rollback.
