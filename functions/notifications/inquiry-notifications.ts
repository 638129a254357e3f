import type { InquiryStatus } from "../../generated/prisma/enums.ts";
import type { NewNotification } from "./notify.ts";

/** What the inquiry notifications need to know about an inquiry and its listing. */
export interface NotifiedInquiry {
  id: string;
  buyerId: string;
  business: { id: string; title: string; sellerId: string; advisor: { userId: string } | null };
}

/** A new inquiry: to the seller and to the listing's advisor (if it has one). The buyer stays unnamed until the NDA. */
export function inquiryReceived(inquiry: NotifiedInquiry): NewNotification[] {
  const { business } = inquiry;
  const recipients = new Set([business.sellerId, ...(business.advisor ? [business.advisor.userId] : [])]);
  return [...recipients].map((userId) => ({
    userId,
    topic: "INQUIRY_RECEIVED",
    dedupeKey: `inquiry-received:${inquiry.id}`,
    title: `New inquiry about ${business.title}`,
    body: `A buyer has asked about your listing "${business.title}". Accept it to invite them to sign the NDA, or decline it.`,
    link: `/inquiries/${inquiry.id}`,
  }));
}

/** Accepted or declined: to the buyer. */
export function inquiryAnswered(inquiry: NotifiedInquiry, status: Extract<InquiryStatus, "ACCEPTED" | "DECLINED">) {
  const { business } = inquiry;
  const accepted = status === "ACCEPTED";
  return [
    {
      userId: inquiry.buyerId,
      topic: "INQUIRY_ANSWERED",
      dedupeKey: `inquiry-answered:${inquiry.id}`,
      title: accepted
        ? `Your inquiry about ${business.title} was accepted`
        : `Your inquiry about ${business.title} was declined`,
      body: accepted
        ? `The seller of "${business.title}" accepted your inquiry. Sign the NDA to enter the deal room.`
        : `The seller of "${business.title}" declined your inquiry.`,
      link: `/inquiries/${inquiry.id}`,
    },
  ] satisfies NewNotification[];
}

/** The buyer signed the NDA: to the seller. */
export function ndaAccepted(inquiry: NotifiedInquiry, dealRoomId: string): NewNotification[] {
  const { business } = inquiry;
  return [
    {
      userId: business.sellerId,
      topic: "NDA_ACCEPTED",
      dedupeKey: `nda-accepted:${inquiry.id}`,
      title: `A buyer signed the NDA for ${business.title}`,
      body: `A buyer accepted the NDA for "${business.title}" and has joined its deal room.`,
      link: `/deal-rooms/${dealRoomId}`,
    },
  ];
}
