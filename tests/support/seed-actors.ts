import { stableId } from "../../prisma/seed/stable-id.ts";
import { loginAs } from "./api-client.ts";

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

/** Logs every actor in; returns a lookup of their access tokens. */
export async function loginAllActors(
  app: Parameters<typeof loginAs>[0],
): Promise<(actor: keyof typeof ACTORS) => string> {
  const tokens = new Map<keyof typeof ACTORS, string>();
  for (const [actor, email] of Object.entries(ACTORS))
    tokens.set(actor as keyof typeof ACTORS, await loginAs(app, email));
  return (actor) => tokens.get(actor)!;
}
