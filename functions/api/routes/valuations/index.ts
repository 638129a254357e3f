import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { Valuation } from "../../../../generated/prisma/client.ts";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessForFinancials } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { IdParamSchema } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const METHODS = ["SDE_MULTIPLE", "EBITDA_MULTIPLE", "REVENUE_MULTIPLE", "ASSET_BASED", "DISCOUNTED_CASH_FLOW"] as const;
const Pence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const ValuationInputSchema = z
  .object({
    method: z.enum(METHODS),
    inputs: z
      .record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
      .refine((value) => Object.keys(value).length <= 50, "at most 50 inputs")
      .openapi({ example: { ebitdaPence: 52_000_000, multiple: 4.6 } }),
    lowPence: Pence,
    midPence: Pence,
    highPence: Pence,
    notes: z.string().trim().max(5000).nullable().optional(),
  })
  .refine((value) => value.lowPence <= value.midPence && value.midPence <= value.highPence, {
    message: "must satisfy lowPence <= midPence <= highPence",
    path: ["midPence"],
  });

const ValuationSchema = z
  .object({
    id: uuid(),
    businessId: uuid(),
    method: z.enum(METHODS),
    inputs: z.record(z.string(), z.unknown()),
    lowPence: z.number().int(),
    midPence: z.number().int(),
    highPence: z.number().int(),
    notes: z.string().nullable(),
    createdBy: z.object({ id: uuid(), name: z.string(), role: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .openapi("Valuation");

type ValuationWithAuthor = Valuation & { createdBy: { id: string; name: string; role: string } };

function toValuationResponse(row: ValuationWithAuthor): z.infer<typeof ValuationSchema> {
  return {
    id: row.id,
    businessId: row.businessId,
    method: row.method,
    inputs: row.inputs as Record<string, unknown>,
    lowPence: Number(row.low),
    midPence: Number(row.mid),
    highPence: Number(row.high),
    notes: row.notes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

const AUTHOR = { createdBy: { select: { id: true, name: true, role: true } } } as const;

const list = createRoute({
  method: "get",
  path: "/businesses/{id}/valuations",
  tags: ["Valuations"],
  summary: "A listing's valuations, newest first",
  description:
    "Each with its method, inputs, low/mid/high and who made it. Readable like the financials (NDA required).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: "Valuations",
      content: { "application/json": { schema: z.object({ items: z.array(ValuationSchema) }) } },
    },
    ...problems(400, 401, 403, 404),
  },
});

const create = createRoute({
  method: "post",
  path: "/businesses/{id}/valuations",
  tags: ["Valuations"],
  summary: "Value a listing",
  description: "The listing's seller or its advisor (or an admin).",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: { required: true, content: { "application/json": { schema: ValuationInputSchema } } },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: ValuationSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/businesses/{id}/valuations/{valuationId}",
  tags: ["Valuations"],
  summary: "Withdraw a valuation (soft delete)",
  description: "Its author, or an admin.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: z.object({
      id: uuid().openapi({ param: { name: "id", in: "path" } }),
      valuationId: uuid().openapi({ param: { name: "valuationId", in: "path" } }),
    }),
  },
  responses: { 204: { description: "Withdrawn" }, ...problems(400, 401, 403, 404) },
});

export function registerValuationRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(list, async (c) => {
      const { prisma } = c.get("deps");
      const { business } = await loadBusinessForFinancials(prisma, c.req.valid("param").id, currentUser(c), "read");
      const rows = await prisma.valuation.findMany({
        where: { businessId: business.id, deletedAt: null },
        include: AUTHOR,
        orderBy: { createdAt: "desc" },
      });
      return c.json({ items: rows.map(toValuationResponse) }, 200);
    })
    .openapi(create, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { business } = await loadBusinessForFinancials(prisma, c.req.valid("param").id, user, "write");
      const input = c.req.valid("json");
      const row = await prisma.valuation.create({
        data: {
          businessId: business.id,
          createdById: user.id,
          method: input.method,
          inputs: input.inputs,
          low: BigInt(input.lowPence),
          mid: BigInt(input.midPence),
          high: BigInt(input.highPence),
          notes: input.notes ?? null,
        },
        include: AUTHOR,
      });
      return c.json(toValuationResponse(row), 201);
    })
    .openapi(remove, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { id, valuationId } = c.req.valid("param");
      const { business } = await loadBusinessForFinancials(prisma, id, user, "read");
      const valuation = await prisma.valuation.findFirst({
        where: { id: valuationId, businessId: business.id, deletedAt: null },
      });
      if (!valuation) throw new AppError("not_found", "No such valuation on this listing.");
      if (valuation.createdById !== user.id && user.role !== "ADMIN")
        throw new AppError("forbidden", "Only its author can withdraw a valuation.");
      await prisma.valuation.update({ where: { id: valuation.id }, data: { deletedAt: c.var.request.receivedAt } });
      return c.body(null, 204);
    });
}
