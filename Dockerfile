# syntax=docker/dockerfile:1
#
# WasmWiz container image.
#
#   docker build -t wasmwiz:local .
#   docker run --rm -p 8080:8080 -e API_SALT=... -e ADMIN_TOKEN=... \
#     -e DATABASE_URL=postgres://... -e REDIS_URL=redis://... wasmwiz:local
#
# Three stages: `build` compiles TypeScript with the dev dependencies, `deps` installs only the
# production dependencies from the lock file, and `runtime` holds just those dependencies, the
# compiled `dist/`, the static UI in `public/` and package.json, owned by root and run as an
# unprivileged user (uid 10001), so the process cannot rewrite its own code.
#
# Nothing native is compiled: `pg` is pure JavaScript and PGlite / the guests are WebAssembly.
# The Debian (glibc) slim image is used rather than Alpine so any future prebuilt native
# addon keeps working without a toolchain.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
# No telemetry or nagging from package install scripts (swagger-ui-dist pulls in @scarf/scarf).
ENV SCARF_ANALYTICS=false \
    DO_NOT_TRACK=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
# Everything the compiler needs; .dockerignore keeps node_modules, dist, data, tests and VCS out.
COPY . .
RUN npm run build \
 && rm -rf dist/test dist/.tsbuildinfo \
 && test -f dist/src/main.js \
 && test -f dist/workers/wasi-worker.js

# ---------------------------------------------------------------------------------------------
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
 && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="wasmwiz" \
      org.opencontainers.image.description="Runs untrusted WASI WebAssembly modules over a REST API"

# DATA_DIR holds the record journal (records of answered runs not yet in the database, written by
# the next start after a crash) and the embedded-database fallback (no DATABASE_URL). It is made
# here, owned by the service's user, so a volume mounted on it (docker-compose's named volume)
# starts writable; the Kubernetes manifests point it at the pod's /tmp emptyDir instead.
# MALLOC_MMAP_THRESHOLD_: glibc maps every buffer over 128 KiB on its own and returns it when
# freed; with its default moving threshold, freed multi-MiB uploads and outputs stayed resident
# (README, Configuration).
ENV NODE_ENV=production \
    SERVER_HOST=0.0.0.0 \
    SERVER_PORT=8080 \
    DATA_DIR=/var/lib/wasmwiz \
    MALLOC_MMAP_THRESHOLD_=131072

RUN groupadd --system --gid 10001 wasmwiz \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin wasmwiz \
 && mkdir -p /var/lib/wasmwiz \
 && chown 10001:10001 /var/lib/wasmwiz

WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY public ./public
# The web console offers the sample modules at /samples/.
COPY examples/*.wasm ./examples/
COPY package.json ./

USER 10001:10001
EXPOSE 8080

# Liveness only (readiness depends on Postgres/Redis and is for load balancers, not restarts).
# Uses node itself: the slim image has neither curl nor wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const r=require('http').get({host:'127.0.0.1',port:process.env.SERVER_PORT||8080,path:'/health/live',timeout:4000},s=>process.exit(s.statusCode===200?0:1));r.on('error',()=>process.exit(1));r.on('timeout',()=>{r.destroy();process.exit(1)})"]

# node runs as PID 1 and handles SIGTERM itself (Nest shutdown hooks: readiness goes false,
# in-flight executions finish, the usage buffer is flushed, exit 0). With DATABASE_URL set the
# service spawns no child processes (guests run in worker threads; only the embedded-database
# fallback forks one, and waits for it), so there is nothing to reap; if you want an init anyway,
# use `docker run --init` / compose `init: true` rather than changing this line.
CMD ["node", "dist/src/main.js"]
