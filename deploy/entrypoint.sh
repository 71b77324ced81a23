#!/bin/sh
# The image's entry point: the first argument selects what this container runs.
set -e
case "${1:-start}" in
  start) exec node --enable-source-maps dist/start.js ;;
  migrate|seed|admin|keys|identity-key|subgraph) cmd=$1; shift; exec node --enable-source-maps "dist/$cmd.js" "$@" ;;
  *) exec node --enable-source-maps dist/part.js "$@" ;;
esac
