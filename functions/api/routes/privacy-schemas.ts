import { z } from "@hono/zod-openapi";

/** A person's data export: every record about them, a section per kind. */
export const PersonalDataArchiveSchema = z
  .record(z.string(), z.unknown())
  .openapi("PersonalDataExport", { description: "Every record about the person, a section per kind (JSON)." });

/** The download name of a person's data export. */
export const archiveDisposition = (userId: string) => `attachment; filename="exitmatch-data-${userId}.json"`;
