/** One criterion of a match's score: points out of a maximum, and the reason in plain English. */
export interface CriterionScore {
  criterion: string;
  score: number;
  max: number;
  reason: string;
}
