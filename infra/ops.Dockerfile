# The operations image: this repository on Node 22 with PostgreSQL 15's client tools (pg_dump,
# pg_restore: the server's major), for the scheduled logical backup (infra/backups.ts) and the
# previews' base refresh (infra/previews.ts). Built by `sst deploy` for arm64.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first (a layer that changes only with the lock file); no install scripts yet:
# the postinstall (prisma generate) needs the schema, copied next.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx prisma generate
ENV NODE_ENV=production
ENTRYPOINT []
