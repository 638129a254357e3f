# The operations image: this repository on Node 22 with PostgreSQL 15's client tools, for the
# scheduled logical backup (infra/backups.ts) and anything else that needs pg_dump/pg_restore.
FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional
COPY . .
ENTRYPOINT []
