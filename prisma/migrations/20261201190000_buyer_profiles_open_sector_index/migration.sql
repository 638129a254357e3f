-- Hand-written: lets the matching engine (functions/matching/) find, for one listing, the buyer
-- profiles open to any sector (those wanting one of the listing's SIC prefixes come from the GIN
-- index on sic_codes): a pair outside the sectors a buyer wants never reaches the minimum kept
-- score (match-candidates-sql.ts). CONCURRENTLY, alone in its file: writes go on meanwhile.
CREATE INDEX CONCURRENTLY "buyer_profiles_open_sector_idx" ON "buyer_profiles" ("id")
  WHERE cardinality(sic_codes) = 0;
