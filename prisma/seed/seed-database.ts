import type { FieldCipher } from "../../functions/crypto/field-cipher.ts";
import { userPhoneColumns } from "../../functions/crypto/phone-number.ts";
import { recomputeProfileMatches } from "../../functions/matching/recompute-profile-matches.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import {
  ADMIN,
  ADVISORS,
  BUSINESSES,
  BUYERS,
  INQUIRIES,
  NDA_VERSION,
  NOTIFICATION_PREFERENCES,
  SAVED_SEARCHES,
  SELLERS,
  type SeedBusiness,
} from "./seed-data.ts";
import { dealStoryRows } from "./seed-deals.ts";
import { type SeedTimeline, seedTimeline } from "./seed-timeline.ts";
import { stableId } from "./stable-id.ts";

export { type SeedTimeline, seedTimeline };

/** What the seed needs besides the data: the accounts' password hash, the field cipher, and when it happens. */
export interface SeedSecrets {
  passwordHash: string;
  cipher: FieldCipher;
  timeline: SeedTimeline;
}

export interface SeedSummary {
  /** Rows inserted per table by this run (0 everywhere on a re-run). */
  inserted: Record<string, number>;
}

const idOf = (key: string) => stableId(key);

function userRows({ passwordHash, cipher, timeline }: SeedSecrets): Prisma.UserCreateManyInput[] {
  const { seededAt } = timeline;
  const verified = { emailVerifiedAt: seededAt, createdAt: seededAt, updatedAt: seededAt, passwordHash };
  const person = (p: { key: string; email: string; name: string; phone: string }) => ({
    id: idOf(p.key),
    email: p.email,
    name: p.name,
    ...userPhoneColumns(cipher, p.phone),
    ...verified,
  });
  return [
    { id: idOf(ADMIN.key), email: ADMIN.email, name: ADMIN.name, role: "ADMIN", ...verified },
    ...SELLERS.map((p) => ({ ...person(p), role: "SELLER" as const })),
    ...BUYERS.map((p) => ({ ...person(p), role: "BUYER" as const })),
    ...ADVISORS.map((p) => ({ ...person(p), role: "ADVISOR" as const })),
  ];
}

function businessRows({ seededAt, daysAfterSeed }: SeedTimeline): Prisma.BusinessCreateManyInput[] {
  return BUSINESSES.map((b, index) => ({
    id: idOf(b.key),
    sellerId: idOf(b.sellerKey),
    advisorId: b.advisorKey ? idOf(`${b.advisorKey}:profile`) : null,
    title: b.title,
    description: b.description,
    tradingName: b.tradingName,
    companyNumber: b.companyNumber,
    sicCode: b.sicCode,
    region: b.region,
    town: b.town,
    postcode: b.postcode,
    askingPrice: b.askingPrice,
    revenue: b.revenue,
    ebitda: b.ebitda ?? null,
    sde: b.sde ?? null,
    employees: b.employees,
    yearEstablished: b.yearEstablished,
    premisesTenure: b.premisesTenure,
    isConfidential: b.isConfidential,
    reasonForSale: b.reasonForSale,
    status: b.status,
    publishedAt: b.status === "DRAFT" ? null : daysAfterSeed(index),
    lastActivityAt: daysAfterSeed(20 + index),
    createdAt: seededAt,
    updatedAt: seededAt,
  }));
}

/** Three financial years (to 31 March) growing towards the listed figures. */
function financialRows({ seededAt, financialYearEnds }: SeedTimeline): Prisma.BusinessFinancialCreateManyInput[] {
  return BUSINESSES.flatMap((b) =>
    financialYearEnds.map((yearEnd, index) => {
      const scale = (value: bigint) => (value * BigInt(88 + index * 6)) / 100n;
      return {
        // Ids name the year's place (fy1 oldest, fy3 latest), not the calendar year, so they
        // stay the same whichever day the seed runs.
        id: idOf(`${b.key}:fy${index + 1}`),
        businessId: idOf(b.key),
        enteredById: idOf(b.advisorKey ?? b.sellerKey),
        financialYearEnd: yearEnd,
        revenue: scale(b.revenue),
        grossProfit: scale((b.revenue * 45n) / 100n),
        ebitda: b.ebitda ? scale(b.ebitda) : null,
        netProfit: b.ebitda ? scale((b.ebitda * 70n) / 100n) : null,
        sde: b.sde ? scale(b.sde) : null,
        source: b.advisorKey ? ("ACCOUNTANT_PREPARED" as const) : ("SELLER_STATED" as const),
        createdAt: seededAt,
        updatedAt: seededAt,
      };
    }),
  );
}

function valuationRow(b: SeedBusiness, { daysAfterSeed }: SeedTimeline): Prisma.ValuationCreateManyInput {
  const earnings = b.valuation.method === "SDE_MULTIPLE" ? b.sde! : b.ebitda!;
  // Multiples in hundredths keep the arithmetic exact in pence.
  const multipleHundredths = BigInt(Math.round(b.valuation.multiple * 100));
  const mid = (earnings * multipleHundredths) / 100n;
  return {
    id: idOf(`${b.key}:valuation`),
    businessId: idOf(b.key),
    createdById: idOf(b.valuation.byAdvisor && b.advisorKey ? b.advisorKey : b.sellerKey),
    method: b.valuation.method,
    inputs: {
      earningsPence: earnings.toString(),
      earningsBasis: b.valuation.method === "SDE_MULTIPLE" ? "SDE" : "EBITDA",
      multiple: b.valuation.multiple.toFixed(2),
      rangePercent: 15,
    },
    low: (mid * 85n) / 100n,
    mid,
    high: (mid * 115n) / 100n,
    notes: "Multiple of the latest financial year's earnings, +/-15%.",
    createdAt: daysAfterSeed(2),
  };
}

/** Matches come from the engine the API uses: each seeded buyer's profile against every listing. */
async function recomputeSeedMatches(tx: Prisma.TransactionClient, { daysAfterSeed }: SeedTimeline) {
  let inserted = 0;
  for (const buyer of BUYERS) {
    inserted += (await recomputeProfileMatches(tx, idOf(`${buyer.key}:profile`), daysAfterSeed(3))).inserted;
  }
  return { count: inserted };
}

function dealRows(cipher: FieldCipher, { daysAfterSeed }: SeedTimeline) {
  const inquiries: Prisma.InquiryCreateManyInput[] = INQUIRIES.map((inquiry, index) => ({
    id: idOf(inquiry.key),
    businessId: idOf(inquiry.businessKey),
    buyerId: idOf(inquiry.buyerKey),
    message: inquiry.message,
    status: inquiry.status,
    respondedAt: inquiry.status === "PENDING" ? null : daysAfterSeed(6 + index),
    ndaVersion: inquiry.ndaAccepted ? NDA_VERSION : null,
    ndaAcceptedAt: inquiry.ndaAccepted ? daysAfterSeed(7 + index) : null,
    ndaAcceptedIp: inquiry.ndaAccepted ? cipher.encrypt("inquiries.nda_accepted_ip", `203.0.113.${10 + index}`) : null,
    createdAt: daysAfterSeed(5 + index),
    updatedAt: daysAfterSeed(5 + index),
  }));

  const accepted = INQUIRIES.filter((inquiry) => inquiry.status === "ACCEPTED");
  const dealRooms: Prisma.DealRoomCreateManyInput[] = accepted.map((inquiry) => {
    const business = BUSINESSES.find((b) => b.key === inquiry.businessKey)!;
    return {
      id: idOf(`${inquiry.key}:room`),
      businessId: idOf(business.key),
      inquiryId: idOf(inquiry.key),
      name: `Project ${business.tradingName.split(" ")[0]}`,
      stage: inquiry.ndaAccepted ? "DUE_DILIGENCE" : "NDA_SIGNED",
      createdAt: daysAfterSeed(8),
      updatedAt: daysAfterSeed(8),
    };
  });

  const members: Prisma.DealRoomMemberCreateManyInput[] = accepted.flatMap((inquiry) => {
    const business = BUSINESSES.find((b) => b.key === inquiry.businessKey)!;
    const room = idOf(`${inquiry.key}:room`);
    const owner = idOf(business.sellerKey);
    const member = (userKey: string, role: "OWNER" | "BUYER" | "ADVISOR") => ({
      id: idOf(`${inquiry.key}:room:${userKey}`),
      dealRoomId: room,
      userId: idOf(userKey),
      role,
      addedById: role === "OWNER" ? null : owner,
      createdAt: daysAfterSeed(8),
    });
    return [
      member(business.sellerKey, "OWNER"),
      // The buyer joins once the NDA is accepted.
      ...(inquiry.ndaAccepted ? [member(inquiry.buyerKey, "BUYER")] : []),
      ...(business.advisorKey ? [member(business.advisorKey, "ADVISOR")] : []),
    ];
  });
  return { inquiries, dealRooms, members };
}

/**
 * Inserts the development dataset. Idempotent: every row has a fixed id and rows that already
 * exist are left untouched, so a second run inserts nothing and changes nothing. All or
 * nothing: one transaction.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  secrets: SeedSecrets,
  onProgress: (message: string) => void = () => {},
): Promise<SeedSummary> {
  const inserted: Record<string, number> = {};
  const { timeline } = secrets;
  const { seededAt } = timeline;
  const deals = dealRows(secrets.cipher, timeline);
  // Rendered before the transaction (the heads of terms' SHA-256 comes from their PDF).
  const story = await dealStoryRows(secrets.cipher, timeline);
  await prisma.$transaction(
    async (tx) => {
      const steps: [string, () => Promise<{ count: number }>][] = [
        ["users", () => tx.user.createMany({ data: userRows(secrets), skipDuplicates: true })],
        [
          "advisor_profiles",
          () =>
            tx.advisorProfile.createMany({
              data: ADVISORS.map((a) => ({
                id: idOf(`${a.key}:profile`),
                userId: idOf(a.key),
                firmName: a.firmName,
                advisorType: a.advisorType,
                amlSupervisor: a.amlSupervisor,
                amlRegistrationNumber: secrets.cipher.encrypt(
                  "advisor_profiles.aml_registration_number",
                  a.amlRegistrationNumber,
                ),
                bio: a.bio,
                regions: a.regions,
                createdAt: seededAt,
                updatedAt: seededAt,
              })),
              skipDuplicates: true,
            }),
        ],
        [
          "buyer_profiles",
          () =>
            tx.buyerProfile.createMany({
              data: BUYERS.map((b) => ({
                id: idOf(`${b.key}:profile`),
                userId: idOf(b.key),
                headline: b.headline,
                sicCodes: b.sicCodes,
                regions: b.regions,
                minPrice: b.minPrice ?? null,
                maxPrice: b.maxPrice ?? null,
                minRevenue: b.minRevenue ?? null,
                fundingSource: b.fundingSource,
                proofOfFundsVerifiedAt: b.proofOfFunds ? seededAt : null,
                createdAt: seededAt,
                updatedAt: seededAt,
              })),
              skipDuplicates: true,
            }),
        ],
        ["businesses", () => tx.business.createMany({ data: businessRows(timeline), skipDuplicates: true })],
        [
          "business_financials",
          () => tx.businessFinancial.createMany({ data: financialRows(timeline), skipDuplicates: true }),
        ],
        [
          "valuations",
          () =>
            tx.valuation.createMany({ data: BUSINESSES.map((b) => valuationRow(b, timeline)), skipDuplicates: true }),
        ],
        ["matches", () => recomputeSeedMatches(tx, timeline)],
        ["inquiries", () => tx.inquiry.createMany({ data: deals.inquiries, skipDuplicates: true })],
        ["deal_rooms", () => tx.dealRoom.createMany({ data: deals.dealRooms, skipDuplicates: true })],
        ["deal_room_members", () => tx.dealRoomMember.createMany({ data: deals.members, skipDuplicates: true })],
        [
          "buyer_due_diligence",
          () => tx.buyerDueDiligence.createMany({ data: story.dueDiligenceRows, skipDuplicates: true }),
        ],
        ["offers", () => tx.offer.createMany({ data: story.offerRows, skipDuplicates: true })],
        ["offer_versions", () => tx.offerVersion.createMany({ data: story.versionRows, skipDuplicates: true })],
        ["deals", () => tx.deal.createMany({ data: story.dealRows, skipDuplicates: true })],
        ["deal_signatures", () => tx.dealSignature.createMany({ data: story.signatureRows, skipDuplicates: true })],
        ["exclusivities", () => tx.exclusivity.createMany({ data: story.exclusivityRows, skipDuplicates: true })],
        ["deal_comparables", () => tx.dealComparable.createMany({ data: story.comparableRows, skipDuplicates: true })],
        [
          "saved_searches",
          () =>
            tx.savedSearch.createMany({
              data: SAVED_SEARCHES.map((search) => ({
                id: idOf(search.key),
                userId: idOf(search.buyerKey),
                name: search.name,
                filters: search.filters as Prisma.InputJsonObject,
                alertFrequency: search.alertFrequency,
                createdAt: seededAt,
                updatedAt: seededAt,
              })),
              skipDuplicates: true,
            }),
        ],
        [
          "notification_preferences",
          () =>
            tx.notificationPreference.createMany({
              data: NOTIFICATION_PREFERENCES.map((preference) => ({
                id: idOf(`${preference.userKey}:${preference.topic}`),
                userId: idOf(preference.userKey),
                topic: preference.topic,
                delivery: preference.delivery,
                minMatchScore: preference.minMatchScore ?? null,
                updatedAt: seededAt,
              })),
              skipDuplicates: true,
            }),
        ],
      ];
      for (const [index, [table, insert]] of steps.entries()) {
        const { count } = await insert();
        inserted[table] = count;
        onProgress(`  [${index + 1}/${steps.length}] ${table}: ${count} inserted`);
      }
    },
    { timeout: 60_000 },
  );
  return { inserted };
}

/** The accounts a developer can log in with, for printing. */
export function developmentLogins() {
  return [
    { role: "admin", email: ADMIN.email, name: ADMIN.name },
    ...SELLERS.map((p) => ({ role: "seller", email: p.email, name: p.name })),
    ...BUYERS.map((p) => ({ role: "buyer", email: p.email, name: p.name })),
    ...ADVISORS.map((p) => ({ role: "advisor", email: p.email, name: p.name })),
  ];
}
