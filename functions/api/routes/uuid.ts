import { z } from "@hono/zod-openapi";

/**
 * A UUID as the API accepts it: any case on the way in, canonical lower case from then on.
 * PostgreSQL compares uuids case-insensitively but text built from them (an erased person's
 * placeholder e-mail, storage keys, metadata) is not, so an id is canonical before anything
 * uses it. Every id in a path, query or body goes through this.
 */
export const uuid = () => z.uuid().overwrite((value) => value.toLowerCase());
