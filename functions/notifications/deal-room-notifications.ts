import type { DealRoomRole, Prisma } from "../../generated/prisma/client.ts";
import type { NewNotification } from "./notify.ts";

/** The seller's side of a room: who answers questions. */
const SELLER_SIDE: DealRoomRole[] = ["OWNER", "ADVISOR"];

/** The room's members with access now, other than `except`, optionally of some roles only. */
async function activeMembers(
  tx: Prisma.TransactionClient,
  dealRoomId: string,
  now: Date,
  options: { except: string; roles?: DealRoomRole[] },
): Promise<string[]> {
  const members = await tx.dealRoomMember.findMany({
    where: {
      dealRoomId,
      userId: { not: options.except },
      revokedAt: null,
      OR: [{ accessExpiresAt: null }, { accessExpiresAt: { gt: now } }],
      ...(options.roles ? { role: { in: options.roles } } : {}),
    },
    select: { userId: true },
  });
  return members.map((member) => member.userId);
}

/** A question: to the other side (a buyer's question to the owner and advisors, theirs to the buyers). */
export async function questionAsked(
  tx: Prisma.TransactionClient,
  room: { id: string; name: string },
  question: { id: string; askedById: string },
  askerRole: DealRoomRole,
  now: Date,
): Promise<NewNotification[]> {
  const otherSide = SELLER_SIDE.includes(askerRole) ? (["BUYER"] as DealRoomRole[]) : SELLER_SIDE;
  const recipients = await activeMembers(tx, room.id, now, { except: question.askedById, roles: otherSide });
  return recipients.map((userId) => ({
    userId,
    topic: "DEAL_ROOM_QA",
    dedupeKey: `question:${question.id}`,
    title: `New question in ${room.name}`,
    body: `Someone in the deal room "${room.name}" asked a question.`,
    link: `/deal-rooms/${room.id}/questions/${question.id}`,
  }));
}

/** An answer (or a corrected one): to whoever asked. */
export function questionAnswered(
  room: { id: string; name: string },
  question: { id: string; askedById: string; answeredAt: Date | null },
): NewNotification[] {
  return [
    {
      userId: question.askedById,
      topic: "DEAL_ROOM_QA",
      dedupeKey: `answer:${question.id}:${question.answeredAt?.toISOString() ?? ""}`,
      title: `Your question in ${room.name} was answered`,
      body: `Your question in the deal room "${room.name}" has an answer.`,
      link: `/deal-rooms/${room.id}/questions/${question.id}`,
    },
  ];
}

/**
 * A new document or version: to every other member with access; only to the seller's side while
 * the room is paused (the seller is exclusive with another buyer), as its buyer's side cannot see it.
 */
export async function documentAdded(
  tx: Prisma.TransactionClient,
  room: { id: string; name: string },
  document: { id: string; fileName: string; version: number; uploadedById: string },
  now: Date,
  options: { paused?: boolean } = {},
): Promise<NewNotification[]> {
  const recipients = await activeMembers(tx, room.id, now, {
    except: document.uploadedById,
    ...(options.paused ? { roles: ["OWNER", "ADVISOR"] as DealRoomRole[] } : {}),
  });
  const what = document.version > 1 ? `Version ${document.version} of ${document.fileName}` : document.fileName;
  return recipients.map((userId) => ({
    userId,
    topic: "DEAL_ROOM_DOCUMENTS",
    dedupeKey: `document:${document.id}`,
    title: `New in ${room.name}: ${what}`,
    body: `${what} was added to the deal room "${room.name}".`,
    link: `/deal-rooms/${room.id}/documents/${document.id}`,
  }));
}
