#!/usr/bin/env bash
# A sale on the platform through `npm start`, as a person would do it with curl (README, "A sale,
# end to end"). Run on a freshly seeded database: `npm start`, then `bash docs/deal-walkthrough.sh`.
# Needs curl and jq. API defaults to http://localhost:3000.
set -euo pipefail
API=${API:-http://localhost:3000}
login() { curl -s "$API/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"password\":\"ExitMatch-dev-2026\"}" | jq -r .accessToken; }
SELLER=$(login david.hughes@northpoint-it.co.uk)
BUYER=$(login tom.bradshaw@bradshawcapital.co.uk)
OTHER=$(login laura.chen@chenholdings.co.uk)
LISTING=$(curl -s "$API/inquiries" -H "authorization: Bearer $BUYER" | jq -r '.items[0].businessId')
echo "listing: $LISTING"

# The second buyer's inquiry is accepted and they sign the NDA, so two buyers can bid.
INQUIRY=$(curl -s "$API/inquiries?status=PENDING" -H "authorization: Bearer $SELLER" | jq -r --arg l "$LISTING" '[.items[] | select(.businessId == $l)][0].id')
curl -s -X POST "$API/inquiries/$INQUIRY/accept" -H "authorization: Bearer $SELLER" | jq -c '{status}'
curl -s -X POST "$API/inquiries/$INQUIRY/nda" -H "authorization: Bearer $OTHER" -H 'content-type: application/json' -d '{"ndaVersion":"2026-01"}' | jq -c '{status, nda}'

TERMS='{"dealType":"SHARE_PURCHASE","pricePence":220000000,"cashFreeDebtFree":true,
 "payment":{"cashAtCompletionPence":180000000,"deferred":[{"amountPence":20000000,"monthsAfterCompletion":12}],
   "earnOut":{"maxAmountPence":20000000,"measure":"EBITDA","months":24,"terms":"£1 per £1 of EBITDA above £520k"}},
 "priceMechanism":{"kind":"LOCKED_BOX","balanceSheetDate":"2026-03-31"},
 "funding":[{"source":"OWN_CASH","amountPence":80000000},{"source":"BANK_DEBT","amountPence":100000000}],
 "conditions":[{"kind":"FINANCE"},{"kind":"DUE_DILIGENCE"}],"exclusivityDays":60,"targetCompletionDate":"2027-03-31"}'
echo "--- 1. the buyer makes an offer"
OFFER=$(curl -s -X POST "$API/businesses/$LISTING/offers" -H "authorization: Bearer $BUYER" -H 'content-type: application/json' -d "$TERMS")
echo "$OFFER" | jq -c '{id, status, turn, version: .latest.number, price: .latest.terms.pricePence}'
OFFER_ID=$(echo "$OFFER" | jq -r .id)
echo "--- a second buyer makes one too"
OTHER_OFFER=$(curl -s -X POST "$API/businesses/$LISTING/offers" -H "authorization: Bearer $OTHER" -H 'content-type: application/json' \
  -d "$(echo "$TERMS" | jq -c '.pricePence=200000000 | .payment={cashAtCompletionPence:200000000,deferred:[]} | .funding=[{source:"OWN_CASH",amountPence:200000000}]')")
OTHER_ID=$(echo "$OTHER_OFFER" | jq -r .id)
echo "$OTHER_OFFER" | jq -c '{id, status}'
echo "--- the seller's board"
curl -s "$API/businesses/$LISTING/offers?sort=cashAtCompletionPercent" -H "authorization: Bearer $SELLER" \
  | jq -c '.offers[] | {pricePence, cashAtCompletionPercent, paidLaterPercent, impliedMultiple, multipleOf, conditions, exclusivityDays, secondsLeft}'
echo "--- 2. the seller counters at £2.35m (If-Match: version 1)"
COUNTER=$(echo "$TERMS" | jq -c '.pricePence=235000000 | .payment.cashAtCompletionPence=195000000 | .funding[1].amountPence=115000000')
curl -s -X POST "$API/offers/$OFFER_ID/counter" -H "authorization: Bearer $SELLER" -H 'if-match: "1"' -H 'content-type: application/json' -d "$COUNTER" \
  | jq -c '{status, turn, version: .latest.number, by: .latest.proposedBy}'
curl -s "$API/offers/$OFFER_ID/versions/2/changes" -H "authorization: Bearer $BUYER" | jq -c '.changes'
echo "--- a stale answer"
curl -s -X POST "$API/offers/$OFFER_ID/accept" -H "authorization: Bearer $BUYER" -H 'if-match: "1"' | jq -c '{status, code}'
echo "--- 3. the buyer accepts version 2"
DEAL_ID=$(curl -s -X POST "$API/offers/$OFFER_ID/accept" -H "authorization: Bearer $BUYER" -H 'if-match: "2"' | tee /tmp/accepted.json | jq -r .dealId)
jq -c '{status, dealId}' /tmp/accepted.json
curl -s -D /tmp/hot-headers "$API/deals/$DEAL_ID/heads-of-terms" -H "authorization: Bearer $BUYER" -o /tmp/heads-of-terms.pdf
SHA=$(sha256sum /tmp/heads-of-terms.pdf | cut -d' ' -f1)
echo "heads of terms: $(wc -c < /tmp/heads-of-terms.pdf) bytes, sha256 $SHA"
grep -i repr-digest /tmp/hot-headers
curl -s "$API/deals/$DEAL_ID" -H "authorization: Bearer $BUYER" | jq -c '{status, sha256: .headsOfTerms.sha256}'
echo "--- 4. both sign"
curl -s -X POST "$API/deals/$DEAL_ID/signatures" -H "authorization: Bearer $BUYER" -H 'content-type: application/json' \
  -d "{\"fullName\":\"Tom Bradshaw\",\"consent\":true,\"documentSha256\":\"$SHA\"}" | jq -c '{status, signed: [.headsOfTerms.signatures[].party]}'
curl -s -X POST "$API/deals/$DEAL_ID/signatures" -H "authorization: Bearer $SELLER" -H 'content-type: application/json' \
  -d "{\"fullName\":\"David Hughes\",\"consent\":true,\"documentSha256\":\"$SHA\"}" | jq -c '{status, exclusivity: {startsAt: .exclusivity.startsAt, endsAt: .exclusivity.endsAt}}'
echo "--- 5. the listing is under offer"
curl -s "$API/businesses/$LISTING" | jq -c '{status}'
echo "--- 6. the second buyer: their offer is on hold, and no trace of the first"
curl -s "$API/offers/$OTHER_ID" -H "authorization: Bearer $OTHER" | jq -c '{status, frozen, dealId}'
curl -s -X POST "$API/offers/$OTHER_ID/accept" -H "authorization: Bearer $SELLER" -H 'if-match: "1"' | jq -c '{status, code, detail}'
curl -s "$API/offers/$OFFER_ID" -H "authorization: Bearer $OTHER" | jq -c '{status, code, detail}'
curl -s "$API/deals/$DEAL_ID" -H "authorization: Bearer $OTHER" | jq -c '{status, code, detail}'
curl -s "$API/offers/0a1b2c3d-0000-4000-8000-000000000000" -H "authorization: Bearer $OTHER" | jq -c '{status, code, detail}'
curl -s "$API/me/notifications" -H "authorization: Bearer $OTHER" | jq -c '[.items[] | select(.link | startswith("/offers/")) | .body]'
echo "--- 7. completion: recorded by the seller, confirmed by the buyer"
TODAY=$(curl -s "$API/deals/$DEAL_ID" -H "authorization: Bearer $SELLER" | jq -r '.exclusivity.startsAt[0:10]')
curl -s -X POST "$API/deals/$DEAL_ID/completion" -H "authorization: Bearer $SELLER" -H 'content-type: application/json' \
  -d "{\"completedOn\":\"$TODAY\",\"consideration\":{\"pricePence\":230000000,\"payment\":{\"cashAtCompletionPence\":190000000,\"deferred\":[{\"amountPence\":40000000,\"monthsAfterCompletion\":12}]}}}" \
  | jq -c '{status, completion: .completion.completedOn}'
curl -s -X POST "$API/deals/$DEAL_ID/completion/confirm" -H "authorization: Bearer $BUYER" | jq -c '{status}'
curl -s "$API/businesses/$LISTING" | jq -c '{status}'
curl -s "$API/offers/$OTHER_ID" -H "authorization: Bearer $OTHER" | jq -c '{status, rejectionReason}'
