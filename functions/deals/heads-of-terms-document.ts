import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { headsOfTermsContent } from "../domain/heads-of-terms-content.ts";
import type { OfferTerms } from "../domain/offer-terms-rules.ts";
import { renderHeadsOfTermsPdf } from "./render-heads-of-terms-pdf.ts";

/** What the heads of terms are made from: the accepted terms, the parties, the business, the moment. */
export interface HeadsOfTermsSource {
  terms: OfferTerms;
  sellerName: string;
  buyerName: string;
  business: { tradingName: string | null; title: string; companyNumber: string | null };
  createdAt: Date;
}

/**
 * The heads of terms PDF and its SHA-256. The same source gives the same bytes, so a stored hash
 * can be checked, and a file missing from storage made again and proved identical.
 */
export async function headsOfTermsDocument(source: HeadsOfTermsSource): Promise<{ pdf: Buffer; sha256: string }> {
  const content = headsOfTermsContent(
    source.terms,
    {
      seller: { name: source.sellerName, company: null },
      buyer: { name: source.buyerName, company: null },
      business: {
        tradingName: source.business.tradingName ?? source.business.title,
        companyNumber: source.business.companyNumber,
      },
    },
    source.createdAt.toISOString().slice(0, 10),
  );
  const pdf = await renderHeadsOfTermsPdf(content, source.createdAt);
  return { pdf, sha256: createHash("sha256").update(pdf).digest("hex") };
}

/** The source of a deal's heads of terms, read from the database. */
export async function headsOfTermsSourceOf(
  prisma: Pick<PrismaClient | Prisma.TransactionClient, "deal">,
  dealId: string,
): Promise<HeadsOfTermsSource> {
  const deal = await prisma.deal.findUniqueOrThrow({
    where: { id: dealId },
    select: {
      createdAt: true,
      offerVersion: { select: { terms: true } },
      seller: { select: { name: true } },
      buyer: { select: { name: true } },
      business: { select: { tradingName: true, title: true, companyNumber: true } },
    },
  });
  return {
    terms: deal.offerVersion.terms as unknown as OfferTerms,
    sellerName: deal.seller.name,
    buyerName: deal.buyer.name,
    business: deal.business,
    createdAt: deal.createdAt,
  };
}
