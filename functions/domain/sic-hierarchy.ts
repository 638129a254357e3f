// SIC 2007: section (letter) > division (2 digits) > group (3) > class (4) > subclass (5).
// A filter at any level is a set of code prefixes: a section is a range of divisions.

const SECTION_DIVISIONS: Record<string, [number, number]> = {
  A: [1, 3], // agriculture, forestry and fishing
  B: [5, 9], // mining and quarrying
  C: [10, 33], // manufacturing
  D: [35, 35], // electricity and gas
  E: [36, 39], // water, sewerage, waste
  F: [41, 43], // construction
  G: [45, 47], // wholesale and retail; motor repair
  H: [49, 53], // transport and storage
  I: [55, 56], // accommodation and food
  J: [58, 63], // information and communication
  K: [64, 66], // financial and insurance
  L: [68, 68], // real estate
  M: [69, 75], // professional, scientific and technical
  N: [77, 82], // administrative and support
  O: [84, 84], // public administration and defence
  P: [85, 85], // education
  Q: [86, 88], // health and social work
  R: [90, 93], // arts, entertainment and recreation
  S: [94, 96], // other services
  T: [97, 98], // households as employers
  U: [99, 99], // extraterritorial organisations
};

export const SIC_FILTER_PATTERN = /^([A-U]|\d{2,5})$/;

/** The code prefixes a SIC filter term stands for: "J" -> 58..63, "620" -> 620. */
export function sicPrefixes(term: string): string[] {
  const range = SECTION_DIVISIONS[term];
  if (!range) return [term];
  const prefixes: string[] = [];
  for (let division = range[0]; division <= range[1]; division += 1) prefixes.push(String(division).padStart(2, "0"));
  return prefixes;
}
