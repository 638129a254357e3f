// The seeded deals (issue 28), told as the API would have made them:
//  - business-3 (Patel Precision, under offer): three offers. Sarah Whitfield's was countered by
//    the seller and accepted; both signed the heads of terms and exclusivity is running. Mark
//    Jones's was countered twice and is on hold. Emma Wilson's was rejected with a reason.
//  - business-7 (Tummel Water Sports, sold): Alistair Grant's offer accepted, signed, completed
//    at a lower final price, and kept as an anonymised comparable.
// Every seeded buyer has a current customer due diligence record. The heads of terms' SHA-256 is
// that of the PDF the app makes from the same terms, parties and date, so downloading it works
// (the file is made on first download and proved identical: functions/deals/download-heads-of-terms.ts).
import type { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { headsOfTermsDocument } from "../../functions/deals/heads-of-terms-document.ts";
import { HEADS_OF_TERMS_CONSENT } from "../../functions/deals/signature-consent.ts";
import { comparableOf } from "../../functions/domain/deal-comparables.ts";
import type { OfferTerms } from "../../functions/domain/offer-terms-rules.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { BUSINESSES, BUYERS, SELLERS } from "./seed-data.ts";
import type { SeedTimeline } from "./seed-timeline.ts";
import { stableId } from "./stable-id.ts";

const DAY_MS = 86_400_000;
const idOf = (key: string) => stableId(key);
const pounds = (value: number) => value * 100;
const dateOf = (at: Date) => at.toISOString().slice(0, 10);

interface SeedVersion {
  by: "BUYER" | "SELLER";
  day: number;
  terms: OfferTerms;
}

interface SeedOffer {
  key: string;
  businessKey: string;
  buyerKey: string;
  inquiryKey: string;
  versions: SeedVersion[];
  outcome:
    | { status: "AWAITING_SELLER"; frozenOnDay: number }
    | { status: "REJECTED"; day: number; reason: string }
    | { status: "ACCEPTED"; day: number };
}

/** A share purchase of Patel Precision, as the bidders framed it (dates relative to the seed). */
function patelTerms(timeline: SeedTimeline, price: number, cash: number, openDays: number): OfferTerms {
  const rest = price - cash;
  return {
    dealType: "SHARE_PURCHASE",
    pricePence: pounds(price),
    cashFreeDebtFree: true,
    payment: {
      cashAtCompletionPence: pounds(cash),
      deferred: rest > 0 ? [{ amountPence: pounds(rest / 2), monthsAfterCompletion: 12 }] : [],
      ...(rest > 0
        ? {
            earnOut: {
              maxAmountPence: pounds(rest / 2),
              measure: "EBITDA" as const,
              months: 24,
              terms: "£1 for every £1 of EBITDA above £1.15m in each of the two years after completion",
            },
          }
        : {}),
    },
    priceMechanism: { kind: "LOCKED_BOX", balanceSheetDate: dateOf(timeline.financialYearEnds.at(-1)!) },
    funding: [
      { source: "INVESTOR_EQUITY", amountPence: pounds(cash / 2) },
      { source: "BANK_DEBT", amountPence: pounds(cash / 2) },
    ],
    conditions: [
      { kind: "FINANCE" },
      { kind: "DUE_DILIGENCE" },
      { kind: "KEY_STAFF", text: "The works manager stays 12 months" },
    ],
    exclusivityDays: 60,
    targetCompletionDate: dateOf(timeline.daysAfterSeed(150)),
    openDays,
  };
}

function offers(timeline: SeedTimeline): SeedOffer[] {
  const hireTerms: OfferTerms = {
    dealType: "ASSET_PURCHASE",
    pricePence: pounds(400_000),
    payment: {
      cashAtCompletionPence: pounds(340_000),
      deferred: [{ amountPence: pounds(60_000), monthsAfterCompletion: 6 }],
    },
    priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
    funding: [{ source: "OWN_CASH", amountPence: pounds(340_000) }],
    conditions: [{ kind: "LANDLORD_CONSENT", text: "Assignment of the jetty lease" }],
    tupeApplies: true,
    togcIntended: true,
    exclusivityDays: 45,
    targetCompletionDate: dateOf(timeline.daysAfterSeed(60)),
    openDays: 7,
  };
  return [
    {
      key: "offer-1",
      businessKey: "business-3",
      buyerKey: "buyer-2",
      inquiryKey: "inquiry-2",
      versions: [
        { by: "BUYER", day: 70, terms: patelTerms(timeline, 4_300_000, 3_500_000, 7) },
        { by: "SELLER", day: 71, terms: patelTerms(timeline, 4_600_000, 3_800_000, 7) },
      ],
      outcome: { status: "ACCEPTED", day: 72 },
    },
    {
      key: "offer-2",
      businessKey: "business-3",
      buyerKey: "buyer-7",
      inquiryKey: "inquiry-7",
      versions: [
        { by: "BUYER", day: 70, terms: patelTerms(timeline, 4_100_000, 3_300_000, 7) },
        { by: "SELLER", day: 70.5, terms: patelTerms(timeline, 4_500_000, 3_700_000, 7) },
        { by: "BUYER", day: 71, terms: patelTerms(timeline, 4_300_000, 3_600_000, 30) },
      ],
      outcome: { status: "AWAITING_SELLER", frozenOnDay: 72 },
    },
    {
      key: "offer-3",
      businessKey: "business-3",
      buyerKey: "buyer-8",
      inquiryKey: "inquiry-8",
      versions: [
        {
          by: "BUYER",
          day: 70,
          terms: {
            ...patelTerms(timeline, 3_600_000, 3_600_000, 7),
            dealType: "ASSET_PURCHASE",
            cashFreeDebtFree: undefined,
            tupeApplies: true,
            togcIntended: true,
            priceMechanism: { kind: "COMPLETION_ACCOUNTS" },
          },
        },
      ],
      outcome: {
        status: "REJECTED",
        day: 71,
        reason: "Below our valuation; we would consider a share purchase nearer the asking price.",
      },
    },
    {
      key: "offer-4",
      businessKey: "business-7",
      buyerKey: "buyer-5",
      inquiryKey: "inquiry-9",
      versions: [{ by: "BUYER", day: 20, terms: hireTerms }],
      outcome: { status: "ACCEPTED", day: 22 },
    },
  ];
}

/** The two deals: business-3's running in exclusivity, business-7's completed. */
const DEALS = [
  { key: "deal-1", offerKey: "offer-1", signedOnDays: { BUYER: 73, SELLER: 74 }, completion: null },
  {
    key: "deal-2",
    offerKey: "offer-4",
    signedOnDays: { BUYER: 23, SELLER: 24 },
    // A price chip after due diligence: £395,000, £335,000 at completion and £60,000 in six months.
    completion: {
      completedOnDay: 59,
      recordedOnDay: 60,
      confirmedOnDay: 61,
      consideration: {
        pricePence: pounds(395_000),
        payment: {
          cashAtCompletionPence: pounds(335_000),
          deferred: [{ amountPence: pounds(60_000), monthsAfterCompletion: 6 }],
        },
      },
    },
  },
] as const;

const personOf = (key: string) => [...SELLERS, ...BUYERS].find((person) => person.key === key)!;

/** Every row of the seeded deals, by table, in the order they are inserted. */
export async function dealStoryRows(cipher: FieldCipher, timeline: SeedTimeline) {
  const at = (day: number) => new Date(timeline.seededAt.getTime() + day * DAY_MS);
  const story = offers(timeline);
  const offerRows: Prisma.OfferCreateManyInput[] = [];
  const versionRows: Prisma.OfferVersionCreateManyInput[] = [];
  for (const offer of story) {
    const business = BUSINESSES.find((b) => b.key === offer.businessKey)!;
    const latest = offer.versions.at(-1)!;
    const openUntil = at(latest.day + latest.terms.openDays);
    const { outcome } = offer;
    offerRows.push({
      id: idOf(offer.key),
      businessId: idOf(offer.businessKey),
      buyerId: idOf(offer.buyerKey),
      inquiryId: idOf(offer.inquiryKey),
      status: outcome.status,
      latestVersion: offer.versions.length,
      openUntil,
      frozenAt: outcome.status === "AWAITING_SELLER" ? at(outcome.frozenOnDay) : null,
      rejectionReason: outcome.status === "REJECTED" ? outcome.reason : null,
      endedAt: outcome.status === "AWAITING_SELLER" ? null : at(outcome.day),
      createdAt: at(offer.versions[0]!.day),
      updatedAt: at(outcome.status === "AWAITING_SELLER" ? outcome.frozenOnDay : outcome.day),
    });
    offer.versions.forEach((version, index) => {
      versionRows.push({
        id: idOf(`${offer.key}:v${index + 1}`),
        offerId: idOf(offer.key),
        number: index + 1,
        proposedBy: version.by,
        proposedById: idOf(version.by === "BUYER" ? offer.buyerKey : business.sellerKey),
        dealType: version.terms.dealType,
        pricePence: BigInt(version.terms.pricePence),
        cashAtCompletionPence: BigInt(version.terms.payment.cashAtCompletionPence),
        terms: version.terms as unknown as Prisma.InputJsonObject,
        openUntil: at(version.day + version.terms.openDays),
        createdAt: at(version.day),
      });
    });
  }

  const dealRows: Prisma.DealCreateManyInput[] = [];
  const signatureRows: Prisma.DealSignatureCreateManyInput[] = [];
  const exclusivityRows: Prisma.ExclusivityCreateManyInput[] = [];
  const comparableRows: Prisma.DealComparableCreateManyInput[] = [];
  for (const deal of DEALS) {
    const offer = story.find((o) => o.key === deal.offerKey)!;
    const business = BUSINESSES.find((b) => b.key === offer.businessKey)!;
    const accepted = offer.versions.at(-1)!;
    const acceptedOn = offer.outcome.status === "ACCEPTED" ? offer.outcome.day : 0;
    const createdAt = at(acceptedOn);
    const { sha256 } = await headsOfTermsDocument({
      terms: accepted.terms,
      sellerName: personOf(business.sellerKey).name,
      buyerName: personOf(offer.buyerKey).name,
      business: { tradingName: business.tradingName, title: business.title, companyNumber: business.companyNumber },
      createdAt,
    });
    const completion = deal.completion;
    dealRows.push({
      id: idOf(deal.key),
      businessId: idOf(offer.businessKey),
      offerId: idOf(offer.key),
      offerVersionId: idOf(`${offer.key}:v${offer.versions.length}`),
      buyerId: idOf(offer.buyerKey),
      sellerId: idOf(business.sellerKey),
      status: completion ? "COMPLETED" : "EXCLUSIVE",
      headsOfTermsStorageKey: `deals/${idOf(offer.key)}/heads-of-terms-v${offer.versions.length}`,
      headsOfTermsSha256: sha256,
      exclusivityDays: accepted.terms.exclusivityDays,
      ...(completion
        ? {
            completedOn: new Date(`${dateOf(at(completion.completedOnDay))}T00:00:00Z`),
            completionTerms: completion.consideration as unknown as Prisma.InputJsonObject,
            completionRecordedAt: at(completion.recordedOnDay),
            completionRecordedById: idOf(business.sellerKey),
            completionConfirmedAt: at(completion.confirmedOnDay),
          }
        : {}),
      createdAt,
      updatedAt: at(completion ? completion.confirmedOnDay : deal.signedOnDays.SELLER),
    });
    for (const party of ["BUYER", "SELLER"] as const) {
      const signer = party === "BUYER" ? offer.buyerKey : business.sellerKey;
      signatureRows.push({
        id: idOf(`${deal.key}:signature:${party}`),
        dealId: idOf(deal.key),
        userId: idOf(signer),
        party,
        purpose: "HEADS_OF_TERMS",
        fullName: personOf(signer).name,
        consentText: HEADS_OF_TERMS_CONSENT,
        documentSha256: sha256,
        ipAddress: cipher.encrypt("deal_signatures.ip_address", party === "BUYER" ? "203.0.113.51" : "203.0.113.52"),
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
        signedAt: at(deal.signedOnDays[party]),
      });
    }
    const startsAt = at(deal.signedOnDays.SELLER);
    exclusivityRows.push({
      id: idOf(`${deal.key}:exclusivity`),
      dealId: idOf(deal.key),
      businessId: idOf(offer.businessKey),
      startsAt,
      endsAt: new Date(startsAt.getTime() + accepted.terms.exclusivityDays * DAY_MS),
      endedAt: completion ? at(completion.confirmedOnDay) : null,
      endReason: completion ? "COMPLETED" : null,
      createdAt: startsAt,
      updatedAt: completion ? at(completion.confirmedOnDay) : startsAt,
    });
    if (completion) {
      // The figures at completion: the latest financial year (seed-database.ts scales the latest to 100%).
      const comparable = comparableOf({
        sicCode: business.sicCode,
        region: business.region,
        dealType: accepted.terms.dealType,
        completedOn: dateOf(at(completion.completedOnDay)),
        pricePence: completion.consideration.pricePence,
        revenuePence: Number(business.revenue),
        ebitdaPence: business.ebitda === undefined ? null : Number(business.ebitda),
        sdePence: business.sde === undefined ? null : Number(business.sde),
      });
      comparableRows.push({
        id: idOf(`${deal.key}:comparable`),
        sicCode: comparable.sicCode,
        region: business.region,
        sizeBand: comparable.sizeBand,
        dealType: comparable.dealType,
        completedIn: comparable.completedIn,
        pricePence: BigInt(comparable.pricePence),
        priceToRevenue: comparable.priceToRevenue,
        priceToEbitda: comparable.priceToEbitda,
        priceToSde: comparable.priceToSde,
      });
    }
  }

  const FUNDS: Record<string, string> = {
    CASH: "Personal savings and investments; bank statements for the last six months seen",
    BANK_DEBT: "Equity from savings (statements seen) and a bank's indicative term sheet",
    PRIVATE_EQUITY: "Fund commitment letter from the backing investor; fund's AML confirmation seen",
    MIXED: "Savings (statements seen) and an investor's commitment letter",
    SBA_OR_GOVERNMENT: "Government-backed loan offer letter seen",
  };
  const dueDiligenceRows: Prisma.BuyerDueDiligenceCreateManyInput[] = BUYERS.map((buyer, index) => ({
    id: idOf(`${buyer.key}:due-diligence`),
    buyerId: idOf(buyer.key),
    identityMethod: index % 2 === 0 ? "ELECTRONIC" : "CERTIFIED_DOCUMENTS",
    identityCheckedAt: timeline.daysAfterSeed(1 + index),
    sourceOfFunds: FUNDS[buyer.fundingSource]!,
    riskRating: buyer.fundingSource === "PRIVATE_EQUITY" ? "HIGH" : "STANDARD",
    recordedById: idOf("admin"),
    createdAt: timeline.daysAfterSeed(1 + index),
    updatedAt: timeline.daysAfterSeed(1 + index),
  }));

  return { offerRows, versionRows, dealRows, signatureRows, exclusivityRows, comparableRows, dueDiligenceRows };
}
