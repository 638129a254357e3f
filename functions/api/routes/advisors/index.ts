import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AdvisorProfile } from "../../../../generated/prisma/client.ts";
import type { FieldCipher } from "../../../crypto/field-cipher.ts";
import { AppError } from "../../../errors/app-error.ts";
import { loadBusinessForOwner } from "../../access/business-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { IdParamSchema, REGIONS } from "../businesses/schemas.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";

const TYPES = ["BUSINESS_BROKER", "ACCOUNTANT", "M_AND_A_ADVISER", "SOLICITOR"] as const;

const AdvisorProfileInputSchema = z.object({
  firmName: z.string().trim().min(2).max(200),
  advisorType: z.enum(TYPES),
  amlSupervisor: z.string().trim().min(2).max(100).nullable().optional().openapi({ example: "HMRC" }),
  amlRegistrationNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6,20}$/, "must be 6 to 20 letters and digits")
    .nullable()
    .optional()
    .openapi({ example: "XDML00000104729" }),
  bio: z.string().trim().max(2000).nullable().optional(),
  regions: z.array(z.enum(REGIONS)).max(12).default([]),
});

const AdvisorProfileSchema = z
  .object({
    id: uuid(),
    name: z.string(),
    firmName: z.string(),
    advisorType: z.enum(TYPES),
    amlSupervisor: z.string().nullable(),
    amlRegistrationNumber: z.string().nullable(),
    amlRegistered: z.boolean(),
    bio: z.string().nullable(),
    regions: z.array(z.enum(REGIONS)),
  })
  .openapi("AdvisorProfile");

function toResponse(
  cipher: FieldCipher,
  profile: AdvisorProfile & { user: { name: string } },
): z.infer<typeof AdvisorProfileSchema> {
  return {
    id: profile.id,
    name: profile.user.name,
    firmName: profile.firmName,
    advisorType: profile.advisorType,
    amlSupervisor: profile.amlSupervisor,
    amlRegistrationNumber: cipher.decryptOptional(
      "advisor_profiles.aml_registration_number",
      profile.amlRegistrationNumber,
    ),
    amlRegistered: Boolean(profile.amlSupervisor && profile.amlRegistrationNumber),
    bio: profile.bio,
    regions: profile.regions,
  };
}

const WITH_NAME = { user: { select: { name: true } } } as const;

const directory = createRoute({
  method: "get",
  path: "/advisors",
  tags: ["Advisors"],
  summary: "Advisor directory",
  description: "Any logged-in user. Filter by region and type.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { query: z.object({ region: z.enum(REGIONS).optional(), advisorType: z.enum(TYPES).optional() }) },
  responses: {
    200: {
      description: "Advisors",
      content: { "application/json": { schema: z.object({ items: z.array(AdvisorProfileSchema) }) } },
    },
    ...problems(400, 401),
  },
});

const putMine = createRoute({
  method: "put",
  path: "/me/advisor-profile",
  tags: ["Advisors"],
  summary: "Save my advisor profile",
  description:
    "Advisors only. UK business brokers must be registered for AML supervision; record the supervisor and number.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { body: { required: true, content: { "application/json": { schema: AdvisorProfileInputSchema } } } },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: AdvisorProfileSchema } } },
    ...problems(400, 401, 403),
  },
});

const getMine = createRoute({
  method: "get",
  path: "/me/advisor-profile",
  tags: ["Advisors"],
  summary: "My advisor profile",
  description: "Advisors only; 404 until they have saved one.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: { description: "The profile", content: { "application/json": { schema: AdvisorProfileSchema } } },
    ...problems(401, 403, 404),
  },
});

const attach = createRoute({
  method: "put",
  path: "/businesses/{id}/advisor",
  tags: ["Advisors"],
  summary: "Attach an advisor to my listing (or detach with null)",
  description:
    "The listing's seller (or an admin). The advisor must have a recorded AML supervisor and registration number: " +
    "acting as a business transfer agent unregistered is an offence in the UK.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ advisorProfileId: uuid().nullable() }) } },
    },
  },
  responses: { 204: { description: "Done" }, ...problems(400, 401, 403, 404, 409) },
});

export function registerAdvisorRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(directory, async (c) => {
      const { region, advisorType } = c.req.valid("query");
      const profiles = await c.get("deps").prisma.advisorProfile.findMany({
        where: {
          deletedAt: null,
          user: { deletedAt: null, status: "ACTIVE" },
          ...(region ? { regions: { has: region } } : {}),
          ...(advisorType ? { advisorType } : {}),
        },
        include: WITH_NAME,
        orderBy: { firmName: "asc" },
        take: 200,
      });
      const { fieldCipher } = c.get("deps");
      return c.json({ items: profiles.map((profile) => toResponse(fieldCipher, profile)) }, 200);
    })
    .openapi(getMine, async (c) => {
      const user = currentUser(c);
      if (user.role !== "ADVISOR") throw new AppError("forbidden", "Only advisors keep advisor profiles.");
      const profile = await c
        .get("deps")
        .prisma.advisorProfile.findFirst({ where: { userId: user.id, deletedAt: null }, include: WITH_NAME });
      if (!profile) throw new AppError("not_found", "No advisor profile yet; save one with PUT /me/advisor-profile.");
      return c.json(toResponse(c.get("deps").fieldCipher, profile), 200);
    })
    .openapi(putMine, async (c) => {
      const user = currentUser(c);
      if (user.role !== "ADVISOR") throw new AppError("forbidden", "Only advisors keep advisor profiles.");
      const input = c.req.valid("json");
      const { prisma, fieldCipher } = c.get("deps");
      const data = {
        firmName: input.firmName,
        advisorType: input.advisorType,
        amlSupervisor: input.amlSupervisor ?? null,
        amlRegistrationNumber: fieldCipher.encryptOptional(
          "advisor_profiles.aml_registration_number",
          input.amlRegistrationNumber,
        ),
        bio: input.bio ?? null,
        regions: input.regions,
        deletedAt: null,
      };
      const profile = await prisma.advisorProfile.upsert({
        where: { userId: user.id },
        create: { ...data, userId: user.id },
        update: data,
        include: WITH_NAME,
      });
      return c.json(toResponse(fieldCipher, profile), 200);
    })
    .openapi(attach, async (c) => {
      const { prisma } = c.get("deps");
      const business = await loadBusinessForOwner(prisma, c.req.valid("param").id, currentUser(c));
      const { advisorProfileId } = c.req.valid("json");
      if (advisorProfileId) {
        const advisor = await prisma.advisorProfile.findFirst({
          where: { id: advisorProfileId, deletedAt: null, user: { deletedAt: null, status: "ACTIVE" } },
        });
        if (!advisor) throw new AppError("not_found", "No such advisor.");
        if (!advisor.amlSupervisor || !advisor.amlRegistrationNumber) {
          throw new AppError("conflict", "This advisor has no AML registration on record, so cannot act on a sale.");
        }
      }
      await prisma.business.update({
        where: { id: business.id },
        data: { advisorId: advisorProfileId, lastActivityAt: c.var.request.receivedAt },
      });
      return c.body(null, 204);
    });
}
