// The development dataset, exactly as the operations guide lists it: one admin, 5 sellers
// with businesses, 8 buyers with profiles, 3 advisors, and sample valuations, matches,
// inquiries and deal rooms. UK-realistic: SIC 2007 codes, ITL1 regions, Companies House
// numbers, GBP in pence. Companies and people are fictional.
import type {
  AdvisorType,
  BusinessStatus,
  FundingSource,
  InquiryStatus,
  PremisesTenure,
  UkRegion,
  ValuationMethod,
} from "../../generated/prisma/enums.ts";

/** £ to pence, exactly. */
export const gbp = (pounds: number) => BigInt(Math.round(pounds * 100));

/** Every seeded account logs in with this password (development only). */
export const DEVELOPMENT_PASSWORD = "ExitMatch-dev-2026";

export const ADMIN = { key: "admin", email: "admin@exitmatch.co.uk", name: "ExitMatch Admin" };

export interface SeedPerson {
  key: string;
  email: string;
  name: string;
  phone: string;
}

export const SELLERS: SeedPerson[] = [
  { key: "seller-1", email: "david.hughes@northpoint-it.co.uk", name: "David Hughes", phone: "+44 161 496 0201" },
  { key: "seller-2", email: "amelia.clarke@crumbandco.co.uk", name: "Amelia Clarke", phone: "+44 1225 496 031" },
  { key: "seller-3", email: "rajesh.patel@patelprecision.co.uk", name: "Rajesh Patel", phone: "+44 24 7649 6012" },
  { key: "seller-4", email: "fiona.mackenzie@tummelhouse.co.uk", name: "Fiona MacKenzie", phone: "+44 1796 496 044" },
  { key: "seller-5", email: "grace.okafor@surreyhomecare.co.uk", name: "Grace Okafor", phone: "+44 1483 496 077" },
];

export interface SeedBuyer extends SeedPerson {
  headline: string;
  sicCodes: string[];
  regions: UkRegion[];
  minPrice?: bigint;
  maxPrice?: bigint;
  minRevenue?: bigint;
  fundingSource: FundingSource;
  proofOfFunds: boolean;
}

export const BUYERS: SeedBuyer[] = [
  {
    key: "buyer-1",
    email: "tom.bradshaw@bradshawcapital.co.uk",
    name: "Tom Bradshaw",
    phone: "+44 20 7946 0101",
    headline: "Former CTO seeking an IT services business in the North West",
    sicCodes: ["620"],
    regions: ["NORTH_WEST", "YORKSHIRE_AND_THE_HUMBER"],
    minPrice: gbp(1_000_000),
    maxPrice: gbp(3_000_000),
    minRevenue: gbp(1_500_000),
    fundingSource: "BANK_DEBT",
    proofOfFunds: true,
  },
  {
    key: "buyer-2",
    email: "sarah.whitfield@midlandsindustrial.co.uk",
    name: "Sarah Whitfield",
    phone: "+44 121 496 0202",
    headline: "Industrial buy-and-build platform acquiring precision engineering",
    sicCodes: ["25", "28"],
    regions: ["WEST_MIDLANDS", "EAST_MIDLANDS"],
    minPrice: gbp(2_000_000),
    maxPrice: gbp(8_000_000),
    minRevenue: gbp(3_000_000),
    fundingSource: "PRIVATE_EQUITY",
    proofOfFunds: true,
  },
  {
    key: "buyer-3",
    email: "owen.davies@gmail.example",
    name: "Owen Davies",
    phone: "+44 29 2018 0303",
    headline: "Chef looking for a café or restaurant in the South West",
    sicCodes: ["561"],
    regions: ["SOUTH_WEST", "WALES"],
    maxPrice: gbp(300_000),
    fundingSource: "MIXED",
    proofOfFunds: false,
  },
  {
    key: "buyer-4",
    email: "priya.sharma@careventures.co.uk",
    name: "Priya Sharma",
    phone: "+44 1483 496 0404",
    headline: "Care group expanding in the South East",
    sicCodes: ["881", "87"],
    regions: ["SOUTH_EAST", "LONDON"],
    minPrice: gbp(500_000),
    maxPrice: gbp(2_500_000),
    fundingSource: "BANK_DEBT",
    proofOfFunds: true,
  },
  {
    key: "buyer-5",
    email: "alistair.grant@highlandhospitality.co.uk",
    name: "Alistair Grant",
    phone: "+44 131 496 0505",
    headline: "Hotelier acquiring country hotels in Scotland",
    sicCodes: ["551"],
    regions: ["SCOTLAND"],
    minPrice: gbp(750_000),
    maxPrice: gbp(2_000_000),
    fundingSource: "CASH",
    proofOfFunds: true,
  },
  {
    key: "buyer-6",
    email: "laura.chen@chenholdings.co.uk",
    name: "Laura Chen",
    phone: "+44 20 7946 0606",
    headline: "Search fund: profitable B2B services, anywhere in the UK",
    sicCodes: ["62", "70", "82"],
    regions: [],
    minPrice: gbp(1_500_000),
    maxPrice: gbp(5_000_000),
    minRevenue: gbp(2_000_000),
    fundingSource: "PRIVATE_EQUITY",
    proofOfFunds: true,
  },
  {
    key: "buyer-7",
    email: "mark.jones@jonesretail.co.uk",
    name: "Mark Jones",
    phone: "+44 1223 496 0707",
    headline: "E-commerce operator buying online retail brands",
    sicCodes: ["4791"],
    regions: [],
    maxPrice: gbp(1_000_000),
    fundingSource: "CASH",
    proofOfFunds: false,
  },
  {
    key: "buyer-8",
    email: "emma.wilson@wilsonfamilyoffice.co.uk",
    name: "Emma Wilson",
    phone: "+44 113 496 0808",
    headline: "Family office: established businesses with freehold premises",
    sicCodes: [],
    regions: ["NORTH_EAST", "YORKSHIRE_AND_THE_HUMBER", "SCOTLAND", "WEST_MIDLANDS"],
    minPrice: gbp(1_000_000),
    maxPrice: gbp(6_000_000),
    fundingSource: "CASH",
    proofOfFunds: true,
  },
];

export interface SeedAdvisor extends SeedPerson {
  firmName: string;
  advisorType: AdvisorType;
  amlSupervisor: string;
  amlRegistrationNumber: string;
  bio: string;
  regions: UkRegion[];
}

export const ADVISORS: SeedAdvisor[] = [
  {
    key: "advisor-1",
    email: "harriet.cole@colebrokers.co.uk",
    name: "Harriet Cole",
    phone: "+44 161 496 0909",
    firmName: "Cole & Partners Business Brokers",
    advisorType: "BUSINESS_BROKER",
    amlSupervisor: "HMRC",
    amlRegistrationNumber: "XDML00000104729",
    bio: "Sells owner-managed technology and services businesses across the North.",
    regions: ["NORTH_WEST", "NORTH_EAST", "YORKSHIRE_AND_THE_HUMBER"],
  },
  {
    key: "advisor-2",
    email: "james.turner@turnerassociates.co.uk",
    name: "James Turner FCA",
    phone: "+44 24 7649 1010",
    firmName: "Turner Associates Chartered Accountants",
    advisorType: "ACCOUNTANT",
    amlSupervisor: "ICAEW",
    amlRegistrationNumber: "C009876543",
    bio: "Due diligence and valuations for manufacturing and engineering SMEs.",
    regions: ["WEST_MIDLANDS", "EAST_MIDLANDS"],
  },
  {
    key: "advisor-3",
    email: "sophie.reid@reidcorporatefinance.co.uk",
    name: "Sophie Reid",
    phone: "+44 131 496 1111",
    firmName: "Reid Corporate Finance",
    advisorType: "M_AND_A_ADVISER",
    amlSupervisor: "HMRC",
    amlRegistrationNumber: "XKML00000208815",
    bio: "Lead adviser on hospitality and care transactions in Scotland and the South.",
    regions: ["SCOTLAND", "SOUTH_EAST", "LONDON"],
  },
];

export interface SeedBusiness {
  key: string;
  sellerKey: string;
  advisorKey?: string;
  title: string;
  description: string;
  tradingName: string;
  companyNumber: string;
  sicCode: string;
  region: UkRegion;
  town: string;
  postcode: string;
  askingPrice: bigint;
  revenue: bigint;
  ebitda?: bigint;
  sde?: bigint;
  employees: number;
  yearEstablished: number;
  premisesTenure: PremisesTenure;
  isConfidential: boolean;
  reasonForSale: string;
  status: BusinessStatus;
  valuation: { method: ValuationMethod; multiple: number; byAdvisor: boolean };
}

export const BUSINESSES: SeedBusiness[] = [
  {
    key: "business-1",
    sellerKey: "seller-1",
    advisorKey: "advisor-1",
    title: "Established IT managed services provider, Greater Manchester",
    description:
      "Managed IT, cloud and cyber-security services for 140 SME clients on multi-year contracts. " +
      "82% recurring revenue, ISO 27001 certified, experienced second-tier management in place.",
    tradingName: "Northpoint IT Services Ltd",
    companyNumber: "05873412",
    sicCode: "62020",
    region: "NORTH_WEST",
    town: "Stockport",
    postcode: "SK1 3AZ",
    askingPrice: gbp(2_400_000),
    revenue: gbp(3_100_000),
    ebitda: gbp(520_000),
    employees: 28,
    yearEstablished: 2006,
    premisesTenure: "LEASEHOLD",
    isConfidential: true,
    reasonForSale: "Founder retiring",
    status: "PUBLISHED",
    valuation: { method: "EBITDA_MULTIPLE", multiple: 4.6, byAdvisor: true },
  },
  {
    key: "business-2",
    sellerKey: "seller-2",
    title: "Award-winning independent café and bakery, Bath city centre",
    description:
      "Busy café-bakery on a prime pedestrianised street, 48 covers plus terrace. Strong tourist and " +
      "local trade, wholesale bread contracts with three restaurants. 10-year lease from 2022.",
    tradingName: "Crumb & Co",
    companyNumber: "09214567",
    sicCode: "56102",
    region: "SOUTH_WEST",
    town: "Bath",
    postcode: "BA1 1LN",
    askingPrice: gbp(185_000),
    revenue: gbp(420_000),
    sde: gbp(95_000),
    employees: 9,
    yearEstablished: 2014,
    premisesTenure: "LEASEHOLD",
    isConfidential: false,
    reasonForSale: "Relocating abroad",
    status: "PUBLISHED",
    valuation: { method: "SDE_MULTIPLE", multiple: 2.0, byAdvisor: false },
  },
  {
    key: "business-3",
    sellerKey: "seller-3",
    advisorKey: "advisor-2",
    title: "Precision engineering subcontractor with AS9100 aerospace accreditation",
    description:
      "5-axis CNC machining for aerospace, defence and motorsport OEMs. 30,000 sq ft freehold " +
      "facility, modern machine park, long-standing customer relationships and a full order book.",
    tradingName: "Patel Precision Engineering Ltd",
    companyNumber: "02145789",
    sicCode: "25620",
    region: "WEST_MIDLANDS",
    town: "Coventry",
    postcode: "CV6 5NX",
    askingPrice: gbp(4_750_000),
    revenue: gbp(6_800_000),
    ebitda: gbp(1_150_000),
    employees: 54,
    yearEstablished: 1987,
    premisesTenure: "FREEHOLD",
    isConfidential: true,
    reasonForSale: "Succession: no family successor",
    status: "UNDER_OFFER",
    valuation: { method: "EBITDA_MULTIPLE", multiple: 4.2, byAdvisor: true },
  },
  {
    key: "business-4",
    sellerKey: "seller-4",
    advisorKey: "advisor-3",
    title: "Boutique 14-bedroom country hotel and restaurant, Highland Perthshire",
    description:
      "Victorian country house hotel with AA rosette restaurant, wedding licence and 3 acres of " +
      "grounds. Owners' accommodation included. Year-round trade with strong repeat bookings.",
    tradingName: "Tummel House Hotel Ltd",
    companyNumber: "SC187654",
    sicCode: "55100",
    region: "SCOTLAND",
    town: "Pitlochry",
    postcode: "PH16 5JR",
    askingPrice: gbp(1_350_000),
    revenue: gbp(980_000),
    ebitda: gbp(210_000),
    employees: 22,
    yearEstablished: 1998,
    premisesTenure: "FREEHOLD",
    isConfidential: false,
    reasonForSale: "Retirement",
    status: "PUBLISHED",
    valuation: { method: "EBITDA_MULTIPLE", multiple: 6.0, byAdvisor: true },
  },
  {
    key: "business-5",
    sellerKey: "seller-5",
    title: "Domiciliary care provider rated Good by the CQC, Surrey",
    description:
      "Home care for 160 clients across Surrey under local-authority framework and private contracts. " +
      "Registered manager staying on; 85 care staff with low turnover for the sector.",
    tradingName: "Surrey Home Care Ltd",
    companyNumber: "07456123",
    sicCode: "88100",
    region: "SOUTH_EAST",
    town: "Guildford",
    postcode: "GU1 4RR",
    askingPrice: gbp(1_100_000),
    revenue: gbp(2_600_000),
    ebitda: gbp(310_000),
    employees: 85,
    yearEstablished: 2011,
    premisesTenure: "LEASEHOLD",
    isConfidential: true,
    reasonForSale: "Owner pursuing other interests",
    status: "PUBLISHED",
    valuation: { method: "EBITDA_MULTIPLE", multiple: 3.5, byAdvisor: false },
  },
  {
    key: "business-6",
    sellerKey: "seller-1",
    title: "Subscription e-commerce brand for natural pet food",
    description:
      "Direct-to-consumer pet food brand with 4,100 active monthly subscribers, own Shopify store " +
      "and Amazon channel. Outsourced manufacturing and fulfilment; run by the owner part-time.",
    tradingName: "Good Paws Ltd",
    companyNumber: "10567834",
    sicCode: "47910",
    region: "EAST_OF_ENGLAND",
    town: "Cambridge",
    postcode: "CB4 0WS",
    askingPrice: gbp(650_000),
    revenue: gbp(1_400_000),
    sde: gbp(210_000),
    employees: 6,
    yearEstablished: 2017,
    premisesTenure: "NO_PREMISES",
    isConfidential: false,
    reasonForSale: "Owner focusing on the IT business",
    status: "DRAFT",
    valuation: { method: "SDE_MULTIPLE", multiple: 3.0, byAdvisor: false },
  },
  {
    // Sold on the platform (the seeded completed deal, prisma/seed/seed-deals.ts).
    key: "business-7",
    sellerKey: "seller-4",
    title: "Boat and bike hire on Loch Tummel, Highland Perthshire",
    description:
      "Seasonal boat, kayak and e-bike hire with a lochside jetty, café kiosk and booking website. " +
      "Strong summer trade from the hotels and holiday lets around Pitlochry.",
    tradingName: "Tummel Water Sports Ltd",
    companyNumber: "SC402718",
    sicCode: "77210",
    region: "SCOTLAND",
    town: "Pitlochry",
    postcode: "PH16 5NR",
    askingPrice: gbp(420_000),
    revenue: gbp(365_000),
    sde: gbp(118_000),
    employees: 6,
    yearEstablished: 2011,
    premisesTenure: "LEASEHOLD",
    isConfidential: false,
    reasonForSale: "Owners concentrating on the hotel",
    status: "SOLD",
    valuation: { method: "SDE_MULTIPLE", multiple: 3.5, byAdvisor: false },
  },
];

export interface SeedInquiry {
  key: string;
  buyerKey: string;
  businessKey: string;
  status: InquiryStatus;
  message: string;
  /** NDA accepted by the buyer (only on accepted inquiries). */
  ndaAccepted: boolean;
}

export const NDA_VERSION = "2026-01";

export const INQUIRIES: SeedInquiry[] = [
  {
    key: "inquiry-1",
    buyerKey: "buyer-1",
    businessKey: "business-1",
    status: "ACCEPTED",
    message: "I ran a 200-person MSP and am funded to complete this year. Could we arrange a call?",
    ndaAccepted: true,
  },
  {
    key: "inquiry-2",
    buyerKey: "buyer-2",
    businessKey: "business-3",
    status: "ACCEPTED",
    message: "This fits our engineering platform well. We can move quickly with committed funding.",
    ndaAccepted: true,
  },
  {
    key: "inquiry-3",
    buyerKey: "buyer-5",
    businessKey: "business-4",
    status: "ACCEPTED",
    message: "We own two hotels nearby and would love to learn more about Tummel House.",
    ndaAccepted: false,
  },
  {
    key: "inquiry-4",
    buyerKey: "buyer-3",
    businessKey: "business-2",
    status: "PENDING",
    message: "I'm a chef with 15 years in Bath restaurants. Is the wholesale business included?",
    ndaAccepted: false,
  },
  {
    key: "inquiry-5",
    buyerKey: "buyer-6",
    businessKey: "business-1",
    status: "PENDING",
    message: "Search fund backed by UK investors; interested in a conversation about your timeline.",
    ndaAccepted: false,
  },
  {
    key: "inquiry-6",
    buyerKey: "buyer-4",
    businessKey: "business-5",
    status: "DECLINED",
    message: "We operate four care businesses in Surrey and Sussex and would like to discuss.",
    ndaAccepted: false,
  },
  // The seeded deals (prisma/seed/seed-deals.ts): two more bidders for business-3, and the buyer
  // of business-7.
  {
    key: "inquiry-7",
    buyerKey: "buyer-7",
    businessKey: "business-3",
    status: "ACCEPTED",
    message: "Private equity backed engineering group; we can fund from committed equity and debt.",
    ndaAccepted: true,
  },
  {
    key: "inquiry-8",
    buyerKey: "buyer-8",
    businessKey: "business-3",
    status: "ACCEPTED",
    message: "Experienced operator looking for a precision engineering platform in the Midlands.",
    ndaAccepted: true,
  },
  {
    key: "inquiry-9",
    buyerKey: "buyer-5",
    businessKey: "business-7",
    status: "ACCEPTED",
    message: "We run Tummel House's neighbour hotels and would add the hire business to our guest offer.",
    ndaAccepted: true,
  },
];

export interface SeedSavedSearch {
  key: string;
  buyerKey: string;
  name: string;
  /** The filters of GET /businesses (functions/listings/search-query.ts). */
  filters: Record<string, unknown>;
  alertFrequency: "IMMEDIATE" | "DAILY_DIGEST" | "OFF";
}

/** Buyers' saved searches: alerts come when a listing starts to match one. */
export const SAVED_SEARCHES: SeedSavedSearch[] = [
  {
    key: "saved-search-1",
    buyerKey: "buyer-3",
    name: "Cafés and bakeries in Wales",
    filters: { sic: ["561", "1071"], region: ["WALES"], maxPricePence: 50_000_000 },
    alertFrequency: "IMMEDIATE",
  },
  {
    key: "saved-search-2",
    buyerKey: "buyer-4",
    name: "Care homes with £1m+ turnover",
    filters: { sic: ["87"], minRevenuePence: 100_000_000 },
    alertFrequency: "DAILY_DIGEST",
  },
];

/** Notification choices some people made (everyone else has the topics' defaults). */
export const NOTIFICATION_PREFERENCES: {
  userKey: string;
  topic: "NEW_MATCHES" | "DEAL_ROOM_DOCUMENTS";
  delivery: "IMMEDIATE" | "DAILY_DIGEST" | "OFF";
  minMatchScore?: number;
}[] = [
  { userKey: "buyer-3", topic: "NEW_MATCHES", delivery: "IMMEDIATE", minMatchScore: 85 },
  { userKey: "buyer-4", topic: "DEAL_ROOM_DOCUMENTS", delivery: "DAILY_DIGEST" },
];
