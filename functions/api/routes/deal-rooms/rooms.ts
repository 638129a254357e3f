import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { PrismaClient } from "../../../../generated/prisma/client.ts";
import { ActivityAction, recordActivity } from "../../../activity/record-activity.ts";
import { AppError } from "../../../errors/app-error.ts";
import { activityOrigin } from "../../../requests/request-context.ts";
import {
  activeMembershipWhere,
  type DealRoomAccess,
  loadDealRoomFor,
  requireRole,
} from "../../access/deal-room-access.ts";
import type { AppEnv } from "../../app-context.ts";
import { authenticate, currentUser } from "../../middleware/authenticate.ts";
import { bearerAuth, problems } from "../openapi-helpers.ts";
import { uuid } from "../uuid.ts";
import { DealRoomParamsSchema, DealRoomSchema } from "./schemas.ts";

async function roomResponse(prisma: PrismaClient, access: DealRoomAccess): Promise<z.infer<typeof DealRoomSchema>> {
  const members = await prisma.dealRoomMember.findMany({
    where: { dealRoomId: access.room.id },
    include: { user: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return {
    id: access.room.id,
    businessId: access.room.businessId,
    name: access.room.name,
    status: access.room.status,
    stage: access.room.stage,
    myRole: access.role,
    members: members.map((member) => ({
      userId: member.userId,
      name: member.user.name,
      role: member.role,
      accessExpiresAt: member.accessExpiresAt?.toISOString() ?? null,
      revokedAt: member.revokedAt?.toISOString() ?? null,
    })),
    createdAt: access.room.createdAt.toISOString(),
  };
}

const list = createRoute({
  method: "get",
  path: "/deal-rooms",
  tags: ["Deal rooms"],
  summary: "My deal rooms",
  description: "Rooms where the caller's access is current (not revoked or expired); admins see all.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  responses: {
    200: {
      description: "Rooms",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(z.object({ id: uuid(), businessId: uuid(), name: z.string(), stage: z.string() })),
          }),
        },
      },
    },
    ...problems(401),
  },
});

const get = createRoute({
  method: "get",
  path: "/deal-rooms/{id}",
  tags: ["Deal rooms"],
  summary: "A deal room and its members",
  description: "Members with current access, and admins; 404 for everyone else.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: { params: DealRoomParamsSchema },
  responses: {
    200: { description: "The room", content: { "application/json": { schema: DealRoomSchema } } },
    ...problems(400, 401, 404),
  },
});

const addMember = createRoute({
  method: "post",
  path: "/deal-rooms/{id}/members",
  tags: ["Deal rooms"],
  summary: "Give someone access",
  description:
    "The room's owner (the seller) or an admin. Access can expire; adding a revoked member again restores them.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: DealRoomParamsSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            userId: uuid(),
            role: z.enum(["ADVISOR", "VIEWER"]),
            accessExpiresAt: z.iso.datetime().nullable().optional().openapi({ description: "Must be in the future." }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "Added", content: { "application/json": { schema: DealRoomSchema } } },
    ...problems(400, 401, 403, 404),
  },
});

const revokeMember = createRoute({
  method: "delete",
  path: "/deal-rooms/{id}/members/{userId}",
  tags: ["Deal rooms"],
  summary: "Revoke someone's access",
  description: "The room's owner or an admin. The owner's own access cannot be revoked.",
  security: bearerAuth,
  middleware: [authenticate({ required: true })] as const,
  request: {
    params: DealRoomParamsSchema.extend({ userId: uuid().openapi({ param: { name: "userId", in: "path" } }) }),
  },
  responses: { 204: { description: "Revoked" }, ...problems(400, 401, 403, 404, 409) },
});

export function registerDealRoomRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return app
    .openapi(list, async (c) => {
      const user = currentUser(c);
      const rooms = await c.get("deps").prisma.dealRoom.findMany({
        where: {
          deletedAt: null,
          ...(user.role === "ADMIN"
            ? {}
            : { members: { some: activeMembershipWhere(user.id, c.var.request.receivedAt) } }),
        },
        orderBy: { createdAt: "desc" },
        take: 200,
      });
      return c.json(
        {
          items: rooms.map((room) => ({
            id: room.id,
            businessId: room.businessId,
            name: room.name,
            stage: room.stage,
          })),
        },
        200,
      );
    })
    .openapi(get, async (c) => {
      const { prisma } = c.get("deps");
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, currentUser(c), c.var.request.receivedAt);
      return c.json(await roomResponse(prisma, access), 200);
    })
    .openapi(addMember, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const access = await loadDealRoomFor(prisma, c.req.valid("param").id, user, c.var.request.receivedAt);
      requireRole(access, ["OWNER"], "manage members");
      const { userId, role, accessExpiresAt } = c.req.valid("json");
      const expiry = accessExpiresAt ? new Date(accessExpiresAt) : null;
      if (expiry && expiry <= c.var.request.receivedAt) {
        throw new AppError("validation_failed", undefined, {
          fields: [{ field: "accessExpiresAt", message: "must be in the future" }],
        });
      }
      const person = await prisma.user.findFirst({ where: { id: userId, deletedAt: null, status: "ACTIVE" } });
      if (!person) throw new AppError("not_found", "No such user.");
      // A room always has an owner: the owner's membership is never re-roled through here.
      const existing = await prisma.dealRoomMember.findUnique({
        where: { dealRoomId_userId: { dealRoomId: access.room.id, userId } },
        select: { role: true },
      });
      if (existing?.role === "OWNER") {
        throw new AppError("conflict", "The room's owner keeps the owner role and cannot be re-added.");
      }
      await prisma.dealRoomMember.upsert({
        where: { dealRoomId_userId: { dealRoomId: access.room.id, userId } },
        create: { dealRoomId: access.room.id, userId, role, addedById: user.id, accessExpiresAt: expiry },
        update: { role, accessExpiresAt: expiry, revokedAt: null },
      });
      await recordActivity(prisma, {
        userId: user.id,
        action: ActivityAction.memberAdded,
        entityType: "deal_room",
        entityId: access.room.id,
        ...activityOrigin(c.var.request),
        metadata: { memberId: userId, role },
      });
      return c.json(await roomResponse(prisma, access), 200);
    })
    .openapi(revokeMember, async (c) => {
      const { prisma } = c.get("deps");
      const user = currentUser(c);
      const { id, userId } = c.req.valid("param");
      const access = await loadDealRoomFor(prisma, id, user, c.var.request.receivedAt);
      requireRole(access, ["OWNER"], "manage members");
      const member = await prisma.dealRoomMember.findUnique({
        where: { dealRoomId_userId: { dealRoomId: id, userId } },
      });
      if (!member || member.revokedAt) throw new AppError("not_found", "No such member.");
      if (member.role === "OWNER") throw new AppError("conflict", "The room's owner cannot be removed.");
      await prisma.dealRoomMember.update({ where: { id: member.id }, data: { revokedAt: c.var.request.receivedAt } });
      await recordActivity(prisma, {
        userId: user.id,
        action: ActivityAction.memberRevoked,
        entityType: "deal_room",
        entityId: id,
        ...activityOrigin(c.var.request),
        metadata: { memberId: userId },
      });
      return c.body(null, 204);
    });
}
