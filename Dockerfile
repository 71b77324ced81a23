# syntax=docker/dockerfile:1
# One image for every part of the platform; its command selects the part:
#   docker run IMAGE gateway | registry | identity | publications | procedures | applications | feedback
# (`start` runs the whole platform in one container, `migrate`, `keys` the tools).
# Build: docker build -t egov-platform .

# 1. Build: every dependency (TypeScript, esbuild, Vite), then `npm run build` (dist/ and the portal).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only: no compiler, no bundler, no test runner.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Run: plain JavaScript on Node, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 INTERNAL_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# What the compiled code reads beside its modules: SDL files, rover.yaml, the supergraph, the
# client operations and their manifest, the registry's scaffold template, the built portal.
COPY --from=build /app/package.json /app/rover.yaml ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/clients/operations ./clients/operations
COPY --from=build /app/clients/web/dist ./clients/web/dist
COPY --from=build /app/registry/template ./registry/template
COPY deploy/entrypoint.sh /usr/local/bin/egov
USER node
EXPOSE 4000 4001 4100 4200
ENTRYPOINT ["/usr/local/bin/egov"]
CMD ["start"]
