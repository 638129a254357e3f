import { formatPounds, type OfferTerms } from "./offer-terms-rules.ts";

/**
 * What the heads of terms say, built from the accepted version of an offer (issue 28): a
 * document "subject to contract", in sections, where only exclusivity, confidentiality and costs
 * bind (UK practice: ../shared/notes/deal-workflow.md, section 5). The PDF is drawn from this;
 * keeping the words here keeps them testable and the same in every rendering.
 */
export interface HeadsOfTermsParties {
  seller: { name: string; company: string | null };
  buyer: { name: string; company: string | null };
  business: { tradingName: string; companyNumber: string | null };
}

export interface HeadsOfTermsSection {
  title: string;
  paragraphs: string[];
  /** Whether the section binds the parties (the rest does not, until contracts are exchanged). */
  binding: boolean;
}

export interface HeadsOfTermsContent {
  heading: string;
  subjectToContract: string;
  sections: HeadsOfTermsSection[];
}

const party = ({ name, company }: { name: string; company: string | null }) =>
  company ? `${company} (represented by ${name})` : name;

const DEAL_WORDS: Record<OfferTerms["dealType"], string> = {
  SHARE_PURCHASE: "The purchase of the entire issued share capital",
  ASSET_PURCHASE: "The purchase of the business and its assets (trade and assets)",
};

const MEASURE_WORDS = { REVENUE: "revenue", GROSS_PROFIT: "gross profit", EBITDA: "EBITDA" } as const;
const CONDITION_WORDS = {
  FINANCE: "the buyer obtaining the finance described above",
  DUE_DILIGENCE: "financial, legal and commercial due diligence satisfactory to the buyer",
  KEY_STAFF: "key members of staff agreeing to stay",
  LANDLORD_CONSENT: "the landlord's consent to the assignment or grant of the lease",
  REGULATORY_APPROVAL: "any regulatory approval the transfer needs",
} as const;
const FUNDING_WORDS = {
  OWN_CASH: "the buyer's own cash",
  BANK_DEBT: "bank debt",
  INVESTOR_EQUITY: "investor equity",
  OTHER: "other sources",
} as const;

function paymentParagraphs(terms: OfferTerms): string[] {
  const { payment } = terms;
  const lines = [`${formatPounds(payment.cashAtCompletionPence)} in cash at completion.`];
  for (const item of payment.deferred) {
    lines.push(
      `${formatPounds(item.amountPence)} deferred, payable ${
        item.dueDate ? `on ${item.dueDate}` : `${item.monthsAfterCompletion} months after completion`
      }.`,
    );
  }
  if (payment.earnOut) {
    const { maxAmountPence, measure, months, terms: words } = payment.earnOut;
    lines.push(
      `An earn-out of up to ${formatPounds(maxAmountPence)}, measured on ${MEASURE_WORDS[measure]} over ${months} months: ${words}`,
    );
  }
  if (payment.vendorLoan) {
    const { amountPence, interestBasisPoints, termMonths } = payment.vendorLoan;
    lines.push(
      `A vendor loan of ${formatPounds(amountPence)} at ${(interestBasisPoints / 100).toFixed(2)}% a year over ${termMonths} months.`,
    );
  }
  if (payment.retention) {
    const { amountPence, months, releasedWhen } = payment.retention;
    lines.push(`A retention of ${formatPounds(amountPence)} held for ${months} months, released when ${releasedWhen}`);
  }
  return lines;
}

export function headsOfTermsContent(
  terms: OfferTerms,
  parties: HeadsOfTermsParties,
  agreedOn: string,
): HeadsOfTermsContent {
  const { business } = parties;
  const target = business.companyNumber
    ? `${business.tradingName} (company number ${business.companyNumber})`
    : business.tradingName;
  const mechanism =
    terms.priceMechanism.kind === "LOCKED_BOX"
      ? `A locked box: the price is fixed on the balance sheet at ${terms.priceMechanism.balanceSheetDate}, with no adjustment after completion; any value leaving the business after that date is repaid pound for pound.`
      : "Completion accounts: the price is adjusted after completion to the accounts drawn up at completion.";
  const deal =
    terms.dealType === "SHARE_PURCHASE"
      ? [
          `${DEAL_WORDS.SHARE_PURCHASE} of ${target}${
            terms.cashFreeDebtFree ? ", on a cash-free, debt-free basis with a normal level of working capital" : ""
          }.`,
        ]
      : [
          `${DEAL_WORDS.ASSET_PURCHASE} of ${target}.`,
          terms.tupeApplies
            ? "The employees transfer to the buyer under TUPE."
            : "The parties do not expect any employees to transfer under TUPE.",
          terms.togcIntended
            ? "The parties intend the sale to be a transfer of a going concern for VAT."
            : "The parties do not intend the sale to be a transfer of a going concern for VAT.",
        ];
  return {
    heading: `Heads of terms: ${business.tradingName}`,
    subjectToContract: `Subject to contract. Agreed on ${agreedOn}. Except for the sections marked binding, these heads of terms record the parties' intentions and create no legal obligation.`,
    sections: [
      {
        title: "Parties",
        paragraphs: [`Seller: ${party(parties.seller)}.`, `Buyer: ${party(parties.buyer)}.`],
        binding: false,
      },
      { title: "The transaction", paragraphs: deal, binding: false },
      {
        title: "Price",
        paragraphs: [`${formatPounds(terms.pricePence)}, payable as follows:`, ...paymentParagraphs(terms)],
        binding: false,
      },
      { title: "Price mechanism", paragraphs: [mechanism], binding: false },
      {
        title: "Funding",
        paragraphs: terms.funding.map(
          (item) => `${formatPounds(item.amountPence)} from ${FUNDING_WORDS[item.source]}.`,
        ),
        binding: false,
      },
      {
        title: "Conditions",
        paragraphs:
          terms.conditions.length === 0
            ? ["None."]
            : terms.conditions.map((condition) =>
                condition.kind === "OTHER" ? `${condition.text}.` : `Subject to ${CONDITION_WORDS[condition.kind]}.`,
              ),
        binding: false,
      },
      {
        title: "Timetable",
        paragraphs: [`The parties aim to complete by ${terms.targetCompletionDate}.`],
        binding: false,
      },
      {
        title: "Exclusivity",
        paragraphs: [
          `For ${terms.exclusivityDays} days from the date both parties sign, the seller will not market the business, or negotiate its sale, with anyone else.`,
        ],
        binding: true,
      },
      {
        title: "Confidentiality",
        paragraphs: [
          "The parties keep these terms and the negotiations confidential, as the NDA already signed requires.",
        ],
        binding: true,
      },
      {
        title: "Costs",
        paragraphs: ["Each party pays its own costs, whether or not the sale completes."],
        binding: true,
      },
    ],
  };
}
