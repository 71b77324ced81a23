# __name__ subgraph

A department's own subgraph, published to the schema registry at runtime (not in `rover.yaml`).

Owns **`__Pascal__Entry`**; contributes **`Department.__camel__Entries`** (identity owns `Department`).

| | |
| --- | --- |
| Postgres schema | `__name__`: `entries`, `audit_log` (the kit's: every mutation by staff is recorded there) |
| Queries | `__camel__Entries(first)` |
| Resolver types | `generated/resolvers.ts`, from `schema.graphql` and the mappers in `codegen.ts` (`npm run codegen`) |

## Run, check, publish

What the platform's admins give you, and all you need: this subgraph's name (`__name__`), the JWKS
URL of the gateway's internal listener (its public keys; by default
`http://127.0.0.1:4100/.well-known/jwks.json`) and your registry credential (`egov_dept_…`, which
manages `__name__` only). You never receive a signing key, a secret of the platform's own services
or an admin's password. The subgraph answers only requests carrying an identity token the gateway
signed for `__name__`, bound to that request's body and valid for seconds.

```sh
npx vitest run subgraphs/__name__                                  # its test
SUBGRAPH_NAME=__name__ IDENTITY_JWKS_URL=http://127.0.0.1:4100/.well-known/jwks.json SUBGRAPH_PORT=4010 \
  npx tsx subgraphs/__name__/index.ts                              # its own database under DATA_DIR, or DATABASE_URL
export EGOV_CREDENTIAL=egov_dept_…                                  # keep it like a password
npm run subgraph -- check   --name __name__ --schema subgraphs/__name__/schema.graphql
npm run subgraph -- publish --name __name__ --schema subgraphs/__name__/schema.graphql --url http://127.0.0.1:4010/graphql
npm run subgraph -- history --name __name__
npm run subgraph -- rollback --name __name__                       # back to the version before
```

Rename `__Pascal__Entry` to what your department offers, describe every type and field, add
migrations at the end of `db/migrations/index.ts`, and keep every lookup by key behind a loader
(`loaders.ts`). See `registry/README.md` for checks, versions and rollback.
