import { ADVISORS, BUSINESSES, BUYERS, INQUIRIES, SELLERS } from "../../prisma/seed/seed-data.ts";

/** Personal values the seed data holds: none may be left in a database masked for previews. */
export function seededPersonalValues(): string[] {
  const people = [...SELLERS, ...BUYERS, ...ADVISORS];
  return [
    ...people.flatMap((person) => [person.email, person.name, person.phone]),
    ...people.map((person) => person.phone.replace(/\s/g, "")),
    ...ADVISORS.flatMap((advisor) => [advisor.firmName, advisor.amlRegistrationNumber]),
    ...BUSINESSES.flatMap((business) => [business.tradingName, business.companyNumber, business.postcode]),
    ...INQUIRIES.map((inquiry) => inquiry.message.slice(0, 30)),
  ].filter((value): value is string => Boolean(value));
}
