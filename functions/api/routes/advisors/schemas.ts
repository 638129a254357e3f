import { z } from "@hono/zod-openapi";
import { AdvisorType, UkRegion } from "../../../../generated/prisma/enums.ts";
import { type AdvisorDetails, isAmlRegistered } from "../../../advisors/advisor-details.ts";
import type { AdvisorProfileFields } from "../../../advisors/save-advisor-profile.ts";
import { uuid } from "../uuid.ts";

export const AdvisorProfileInputSchema = z.object({
  firmName: z.string().trim().min(2).max(200),
  advisorType: z.enum(AdvisorType),
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
  regions: z.array(z.enum(UkRegion)).max(12).default([]),
}) satisfies z.ZodType<AdvisorProfileFields, unknown>;

export const AdvisorProfileSchema = z
  .object({
    id: uuid(),
    name: z.string(),
    firmName: z.string(),
    advisorType: z.enum(AdvisorType),
    amlSupervisor: z.string().nullable(),
    amlRegistrationNumber: z.string().nullable(),
    amlRegistered: z.boolean(),
    bio: z.string().nullable(),
    regions: z.array(z.enum(UkRegion)),
  })
  .openapi("AdvisorProfile");

/** A readable profile (advisors/advisor-details.ts) as the API shows it. */
export function toAdvisorResponse(profile: AdvisorDetails): z.infer<typeof AdvisorProfileSchema> {
  return {
    id: profile.id,
    name: profile.user.name,
    firmName: profile.firmName,
    advisorType: profile.advisorType,
    amlSupervisor: profile.amlSupervisor,
    amlRegistrationNumber: profile.amlRegistrationNumber,
    amlRegistered: isAmlRegistered(profile),
    bio: profile.bio,
    regions: profile.regions,
  };
}
