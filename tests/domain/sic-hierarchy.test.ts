import { describe, expect, it } from "vitest";
import { SIC_FILTER_PATTERN, sicPrefixes } from "../../functions/domain/sic-hierarchy.ts";

// SIC 2007's sections and the divisions each spans (ONS, UK SIC 2007 structure).
const SECTIONS: [string, number, number][] = [
  ["A", 1, 3],
  ["B", 5, 9],
  ["C", 10, 33],
  ["D", 35, 35],
  ["E", 36, 39],
  ["F", 41, 43],
  ["G", 45, 47],
  ["H", 49, 53],
  ["I", 55, 56],
  ["J", 58, 63],
  ["K", 64, 66],
  ["L", 68, 68],
  ["M", 69, 75],
  ["N", 77, 82],
  ["O", 84, 84],
  ["P", 85, 85],
  ["Q", 86, 88],
  ["R", 90, 93],
  ["S", 94, 96],
  ["T", 97, 98],
  ["U", 99, 99],
];

describe("SIC 2007 hierarchy", () => {
  it.each(SECTIONS)("section %s stands for divisions %i to %i", (section, first, last) => {
    const divisions = Array.from({ length: last - first + 1 }, (_, index) => String(first + index).padStart(2, "0"));
    expect(sicPrefixes(section)).toEqual(divisions);
  });

  it("leaves a division, group, class or subclass code as the one prefix it is", () => {
    for (const code of ["01", "62", "620", "6201", "62012"]) expect(sicPrefixes(code)).toEqual([code]);
  });

  it("accepts a section letter or a 2- to 5-digit code as a filter, and nothing around them", () => {
    for (const term of ["A", "J", "U", "01", "620", "6201", "62012"]) expect(SIC_FILTER_PATTERN.test(term)).toBe(true);
    for (const term of ["V", "j", "AB", "xJ", "Jx", "6", "620123", "x62", "62x", "6201a", " 62", "62 ", ""]) {
      expect(SIC_FILTER_PATTERN.test(term), term).toBe(false);
    }
  });
});
