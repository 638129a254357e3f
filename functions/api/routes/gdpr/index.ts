import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, Schema } from "hono";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { revokeAllSessions } from "../../../auth/sessions.ts";
import { AppError } from "../../../errors/app-error.ts";
import { erasePerson } from "../../../gdpr/erase-person.ts";
import { exportPerson } from "../../../gdpr/export-person.ts";
import { LEGAL_HOLDS } from "../../../gdpr/legal-holds.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import { USER_RETENTION_DAYS } from "../../../retention/retention-periods.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { requireAdmin } from "../../middleware/require-admin.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const ArchiveSchema = z
  .record(z.string(), z.unknown())
  .openapi("PersonalDataExport", { description: "Every record about the person, a section per kind (JSON)." });

const ErasureReportSchema = z
  .object({
    userId: uuid(),
    erasedAt: z.iso.datetime(),
    anonymised: z.array(z.object({ table: z.string(), rows: z.number().int() })),
    deleted: z.array(z.object({ table: z.string(), rows: z.number().int() })),
    filesRemoved: z.number().int(),
    kept: z.array(z.object({ table: z.string(), rows: z.number().int(), reason: z.string() })),
  })
  .openapi("ErasureReport");

const ErasureRequestSchema = z
  .object({
    userId: uuid(),
    requestedAt: z.iso.datetime(),
    erasureDueBy: z.iso.datetime(),
    legalHolds: z.array(z.object({ records: z.string(), reason: z.string() })),
  })
  .openapi("ErasureRequest");

const exportMine = createRoute({
  method: "post",
  path: "/me/data-export",
  tags: ["Privacy"],
  summary: "Export everything ExitMatch holds about me (right of access)",
  description: "One JSON archive, a section per kind of record. The request is recorded in the activity log.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: { description: "The archive", content: { "application/json": { schema: ArchiveSchema } } },
    ...problems(401, 403),
  },
});

const eraseMine = createRoute({
  method: "post",
  path: "/me/erasure",
  tags: ["Privacy"],
  summary: "Ask to be forgotten (right to erasure)",
  description:
    `Closes the account at once (signed out everywhere, no longer visible) and erases the person's data within ` +
    `${USER_RETENTION_DAYS} days (the retention job), or sooner when an admin acts. Records under a legal hold are ` +
    "anonymised rather than deleted; the response lists them. Admins are erased by an operator (403).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ confirm: z.literal("erase my account") }) } },
    },
  },
  responses: {
    202: { description: "Requested", content: { "application/json": { schema: ErasureRequestSchema } } },
    ...problems(400, 401, 403),
  },
});

const exportForAdmin = createRoute({
  method: "get",
  path: "/admin/users/{id}/data-export",
  tags: ["Privacy"],
  summary: "Export a person's data (subject access request)",
  description: "Admins only. The same archive the person gets; the request is recorded in the activity log.",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: { params: IdParamSchema },
  responses: {
    200: { description: "The archive", content: { "application/json": { schema: ArchiveSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const eraseForAdmin = createRoute({
  method: "post",
  path: "/admin/users/{id}/erasure",
  tags: ["Privacy"],
  summary: "Erase a person now (right to be forgotten)",
  description: "Anonymises every personal field, revokes sessions, removes their files; says what was kept and why.",
  security: bearerAuth,
  middleware: [requireAdmin] as const,
  request: { params: IdParamSchema },
  responses: {
    200: { description: "Erased", content: { "application/json": { schema: ErasureReportSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

async function archiveFor(c: Context<AppEnv>, userId: string) {
  const { prisma } = c.get("deps");
  const exists = await prisma.user.findUnique({ where: { id: userId, deletedAt: undefined }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "No such user.");
  await recordActivity(prisma, {
    action: ActivityAction.dataExportRequested,
    userId: currentUser(c).id,
    entityType: "user",
    entityId: userId,
    ...activityOrigin(c.var.request),
  });
  c.header("content-disposition", `attachment; filename="exitmatch-data-${userId}.json"`);
  return exportPerson(prisma, c.get("deps").fieldCipher, userId, {
    requestId: c.get("requestId"),
    now: c.var.request.receivedAt,
  });
}

export function registerGdprRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(exportMine, async (c) => c.json(await archiveFor(c, currentUser(c).id), 200))
    .openapi(exportForAdmin, async (c) => c.json(await archiveFor(c, c.req.valid("param").id), 200))
    .openapi(eraseMine, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      if (user.role === "ADMIN") {
        throw new AppError("forbidden", "Admins are erased by an operator, not through the API.");
      }
      const requestedAt = c.var.request.receivedAt;
      await prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { deletedAt: requestedAt } });
        await revokeAllSessions(tx, user.id, requestedAt);
        await recordActivity(tx, {
          action: ActivityAction.erasureRequested,
          userId: user.id,
          entityType: "user",
          entityId: user.id,
          ...activityOrigin(c.var.request),
        });
      });
      const due = new Date(requestedAt.getTime() + USER_RETENTION_DAYS * 24 * 60 * 60 * 1000);
      return c.json(
        {
          userId: user.id,
          requestedAt: requestedAt.toISOString(),
          erasureDueBy: due.toISOString(),
          legalHolds: [
            { records: "financial figures of listings you sold", reason: LEGAL_HOLDS.financialRecords.reason },
            { records: "NDAs you accepted", reason: LEGAL_HOLDS.contracts.reason },
            { records: "AML registration (advisors)", reason: LEGAL_HOLDS.amlRecords.reason },
            { records: "the audit trail", reason: LEGAL_HOLDS.auditLogs.reason },
          ],
        },
        202,
      );
    })
    .openapi(eraseForAdmin, async (c) => {
      const { prisma, storage } = c.get("deps");
      const admin = currentUser(c);
      const { id } = c.req.valid("param");
      const target = await prisma.user.findUnique({ where: { id, deletedAt: undefined }, select: { role: true } });
      if (!target) throw new AppError("not_found", "No such user.");
      if (target.role === "ADMIN") throw new AppError("forbidden", "Admins are not erased through the API.");
      const report = await erasePerson(prisma, storage, id, {
        actorUserId: admin.id,
        actorRole: admin.role,
        requestId: c.get("requestId"),
        now: c.var.request.receivedAt,
      });
      await recordActivity(prisma, {
        action: ActivityAction.erasurePerformed,
        userId: admin.id,
        entityType: "user",
        entityId: id,
        metadata: { kept: report.kept.map((entry) => entry.table) },
        ...activityOrigin(c.var.request),
      });
      return c.json(report, 200);
    });
}
