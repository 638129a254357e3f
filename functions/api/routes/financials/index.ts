import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessForFinancials } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { requiredIfMatchVersion } from "../businesses/if-match.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import {
  FinancialInputSchema,
  FinancialParamsSchema,
  FinancialSchema,
  toFinancialData,
  toFinancialResponse,
} from "./schemas.ts";

const list = createRoute({
  method: "get",
  path: "/businesses/{id}/financials",
  tags: ["Financials"],
  summary: "A listing's figures per financial year",
  description:
    "Readable by the listing's seller and advisor, admins, and buyers who accepted its NDA (403 for others).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Newest year first",
      content: { "application/json": { schema: z.object({ items: z.array(FinancialSchema) }) } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const create = createRoute({
  method: "post",
  path: "/businesses/{id}/financials",
  tags: ["Financials"],
  summary: "Add a financial year's figures",
  description: "The listing's seller or advisor (or an admin). One entry per financial year (409 for a second).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: FinancialInputSchema } } },
  },
  responses: {
    201: { description: "Added", content: { "application/json": { schema: FinancialSchema } } },
    ...problems(400, 401, 403, 404, 409),
  },
});

const replace = createRoute({
  method: "put",
  path: "/businesses/{id}/financials/{financialId}",
  tags: ["Financials"],
  summary: "Correct a financial year's figures",
  description:
    "The listing's seller or advisor (or an admin). Replaces the figures; the year cannot collide with another entry.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: FinancialParamsSchema,
    body: { required: true, content: { "application/json": { schema: FinancialInputSchema } } },
  },
  responses: {
    200: { description: "Corrected", content: { "application/json": { schema: FinancialSchema } } },
    ...problems(400, 401, 403, 404, 409, 412, 428),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/businesses/{id}/financials/{financialId}",
  tags: ["Financials"],
  summary: "Remove a financial year's figures (soft delete; kept 6 years for HMRC)",
  description: "The listing's seller or advisor (or an admin).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: FinancialParamsSchema },
  responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404) },
});

export function registerFinancialRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(list, async (c) => {
      const { prisma } = c.get("deps");
      const { business } = await loadBusinessForFinancials(prisma, c.req.valid("param").id, currentUser(c), "read");
      const rows = await prisma.businessFinancial.findMany({
        where: { businessId: business.id, deletedAt: null },
        orderBy: { financialYearEnd: "desc" },
      });
      return c.json({ items: rows.map(toFinancialResponse) }, 200);
    })
    .openapi(create, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { business } = await loadBusinessForFinancials(prisma, c.req.valid("param").id, user, "write");
      const input = c.req.valid("json");
      const row = await prisma.businessFinancial
        .create({
          data: { businessId: business.id, enteredById: user.id, ...toFinancialData(input) },
        })
        .catch((error: { code?: string }) => {
          throw error.code === "P2002"
            ? new AppError("conflict", `Figures for the year ending ${input.financialYearEnd} exist already.`)
            : error;
        });
      return c.json(toFinancialResponse(row), 201);
    })
    .openapi(replace, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { id, financialId } = c.req.valid("param");
      const { business } = await loadBusinessForFinancials(prisma, id, user, "write");
      const existing = await prisma.businessFinancial.findFirst({
        where: { id: financialId, businessId: business.id, deletedAt: null },
      });
      if (!existing) throw new AppError("not_found", "No such financial year on this listing.");
      const input = c.req.valid("json");
      const basedOn = requiredIfMatchVersion(c.req.header("if-match"));
      // Compare-and-set on the last update time: of two corrections from the same figures, one wins.
      const { count } = await prisma.businessFinancial
        .updateMany({
          where: { id: existing.id, updatedAt: new Date(basedOn) },
          data: { enteredById: user.id, ...toFinancialData(input) },
        })
        .catch((error: { code?: string }) => {
          throw error.code === "P2002"
            ? new AppError("conflict", `Figures for the year ending ${input.financialYearEnd} exist already.`)
            : error;
        });
      if (count === 0) throw new AppError("version_conflict", "These figures changed since you read them.");
      const row = await prisma.businessFinancial.findUniqueOrThrow({ where: { id: existing.id } });
      return c.json(toFinancialResponse(row), 200);
    })
    .openapi(remove, async (c) => {
      const { prisma } = c.get("deps");
      const { id, financialId } = c.req.valid("param");
      const { business } = await loadBusinessForFinancials(prisma, id, currentUser(c), "write");
      const { count } = await prisma.businessFinancial.updateMany({
        where: { id: financialId, businessId: business.id, deletedAt: null },
        data: { deletedAt: c.var.request.receivedAt },
      });
      if (count === 0) throw new AppError("not_found", "No such financial year on this listing.");
      return c.body(null, 204);
    });
}
