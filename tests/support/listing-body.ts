/** A valid body for POST /businesses: a seller's new draft listing. */
export const NEW_LISTING = {
  title: "Family-run garden centre in Kent",
  description: "Established garden centre with café and 4 acres, strong spring trade and loyal local customers.",
  sicCode: "47760",
  region: "SOUTH_EAST",
  askingPricePence: 95_000_000,
  revenuePence: 180_000_000,
  premisesTenure: "FREEHOLD",
  companyNumber: "12345678",
} as const;
