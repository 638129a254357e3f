import { stableId } from "../../prisma/seed/stable-id.ts";

/** Seeded accounts by the part they play around business-1 (confidential, published). */
export const ACTORS = {
  admin: "admin@exitmatch.co.uk",
  ownerSeller: "david.hughes@northpoint-it.co.uk", // owns business-1 and the draft business-6
  otherSeller: "amelia.clarke@crumbandco.co.uk",
  buyerWithNda: "tom.bradshaw@bradshawcapital.co.uk", // accepted NDA on business-1
  buyerWithoutNda: "laura.chen@chenholdings.co.uk", // pending inquiry on business-1
  advisorOnDeal: "harriet.cole@colebrokers.co.uk", // advisor of business-1
  advisorOffDeal: "james.turner@turnerassociates.co.uk",
} as const;
export type Actor = keyof typeof ACTORS | "anonymous";

export const BUSINESS = {
  confidentialPublished: stableId("business-1"),
  openPublished: stableId("business-2"),
  underOffer: stableId("business-3"),
  draft: stableId("business-6"),
};
