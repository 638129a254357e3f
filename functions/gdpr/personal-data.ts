/**
 * Where ExitMatch keeps personal data, column by column: the one list that GDPR erasure and the
 * masking of preview databases (functions/previews/mask-personal-data.ts) read. A test checks it
 * against the database: every text, JSON and array column is here, as personal (with how a
 * preview copy replaces it), as not personal (with why), or in a table a copy empties.
 */

/** How a copy for previews replaces a personal value, keeping its shape. */
export type Masking =
  /** a unique address on example.invalid */
  | "email"
  | "person-name"
  /** free text a person wrote: same length, no words of theirs */
  | "free-text"
  /** an address from TEST-NET-1 (192.0.2.0/24) */
  | "ip-address"
  | "user-agent"
  /** a neutral name, the extension kept */
  | "file-name"
  /** a well-formed number that belongs to no company */
  | "company-number"
  | "postcode"
  | "place-name"
  /** "Business <n>" */
  | "business-name"
  /** re-encrypted under the preview's key, as a made-up value of the same kind */
  | "encrypted"
  /** removed */
  | "null"
  /** every account gets the preview password (a secret of the preview stage) */
  | "preview-password";

export interface PersonalColumn {
  /** What it holds, in a reviewer's words. */
  holds: string;
  mask: Masking;
}

/** `table.column` -> what it holds and how previews replace it. */
export const PERSONAL_COLUMNS: Record<string, PersonalColumn> = {
  "users.email": { holds: "a person's e-mail address", mask: "email" },
  "users.name": { holds: "a person's name", mask: "person-name" },
  "users.phone": { holds: "a phone number (encrypted)", mask: "null" },
  "users.phone_blind_index": { holds: "a keyed digest of the phone number", mask: "null" },
  "users.image": { holds: "a profile picture's address", mask: "null" },
  "users.password_hash": { holds: "a password's argon2id hash", mask: "preview-password" },
  "buyer_profiles.headline": { holds: "what a buyer says about themselves", mask: "free-text" },
  "advisor_profiles.bio": { holds: "what an advisor says about themselves", mask: "free-text" },
  "advisor_profiles.firm_name": { holds: "an advisor's firm (often their own name)", mask: "business-name" },
  "advisor_profiles.aml_registration_number": {
    holds: "an AML registration number (encrypted)",
    mask: "encrypted",
  },
  "businesses.title": { holds: "a listing's headline, written by its seller", mask: "free-text" },
  "businesses.description": { holds: "a listing's description, written by its seller", mask: "free-text" },
  "businesses.reason_for_sale": { holds: "why the owner sells (retirement, health...)", mask: "free-text" },
  "businesses.trading_name": { holds: "the business's name, often the owner's", mask: "business-name" },
  "businesses.company_number": { holds: "the Companies House number (identifies the owner)", mask: "company-number" },
  "businesses.town": { holds: "where the business is", mask: "place-name" },
  "businesses.postcode": { holds: "where the business is", mask: "postcode" },
  "inquiries.message": { holds: "a buyer's message to a seller", mask: "free-text" },
  "inquiries.nda_accepted_ip": { holds: "the IP address an NDA was accepted from (encrypted)", mask: "encrypted" },
  "deal_rooms.name": { holds: "a room's name, made from the business's name", mask: "business-name" },
  "deal_room_questions.body": { holds: "a question asked in a deal room", mask: "free-text" },
  "deal_room_questions.answer": { holds: "an answer given in a deal room", mask: "free-text" },
  "documents.file_name": { holds: "a document's name (often a person's or company's)", mask: "file-name" },
  "valuations.notes": { holds: "notes on a valuation", mask: "free-text" },
  "offers.rejection_reason": { holds: "why an offer was rejected, in a person's words", mask: "free-text" },
  "deals.fell_through_reason": { holds: "why a deal fell through, in a person's words", mask: "free-text" },
  "deal_signatures.full_name": { holds: "the name a person typed to sign", mask: "person-name" },
  "deal_signatures.ip_address": { holds: "the IP address a document was signed from (encrypted)", mask: "encrypted" },
  "deal_signatures.user_agent": { holds: "the browser a document was signed with", mask: "user-agent" },
  "exclusivities.end_note": { holds: "why exclusivity was ended early, in a person's words", mask: "free-text" },
  "buyer_due_diligence.source_of_funds": {
    holds: "the evidence of where a buyer's money comes from (AML record)",
    mask: "free-text",
  },
};

/**
 * Tables a copy for previews empties: credentials, logs and queues belong to production's own
 * history (and the logs are append-only and hash-chained: masking them would break the chain).
 */
export const EMPTIED_TABLES: Record<string, string> = {
  sessions: "sign-in sessions: IP addresses, browsers, refresh-token hashes",
  user_tokens: "single-use e-mail tokens",
  idempotency_keys: "stored API responses, which hold people's data",
  rate_limit_hits: "throttle counters",
  outbox_messages: "e-mails, with addresses and text",
  outbox_events: "production's pending after-commit work (ids only) and its handlers' error messages",
  notifications: "what people were told, with listing titles and deal-room names",
  saved_searches: "buyers' saved searches: names and search words of their own",
  activity_logs: "what people did, with IP addresses and browsers",
  activity_chain: "the activity log's chain head (reset with it)",
  audit_logs: "old and new values of every change",
  audit_chain: "the audit log's chain head (reset with it)",
  retention_runs: "a log of retention jobs",
};

/** Text, JSON and array columns that hold nothing about a person, and why. */
export const NOT_PERSONAL: Record<string, string> = {
  "_prisma_migrations.checksum": "migration history",
  "_prisma_migrations.id": "migration history",
  "_prisma_migrations.logs": "migration history",
  "_prisma_migrations.migration_name": "migration history",
  "advisor_profiles.aml_supervisor": "the name of a supervisory body (HMRC, ICAEW...)",
  "advisor_profiles.regions": "regions of the UK",
  "buyer_profiles.regions": "regions of the UK",
  "buyer_profiles.sic_codes": "industry codes",
  "businesses.sic_code": "an industry code",
  "deal_comparables.completed_in": "a month",
  "deal_comparables.sic_code": "an industry code",
  "deal_comparables.size_band": "a band of annual revenue",
  "deal_signatures.consent_text": "the consent wording a signer was shown (the same for everyone)",
  "deal_signatures.document_sha256": "a digest of the signed document",
  "deals.completion_terms": "the final consideration: amounts, dates and the deal's terms (a financial record)",
  "deals.heads_of_terms_sha256": "a digest of the heads of terms",
  "deals.heads_of_terms_storage_key":
    "where the heads of terms are stored: production's bucket, which previews cannot reach",
  "documents.content_type": "a media type",
  "documents.folder": "a folder path in the room (the seller's structure, not a person's data)",
  "documents.sha256": "a digest of the file",
  "documents.storage_key": "where the file is stored: production's bucket, which previews cannot reach",
  "inquiries.nda_version": "the NDA text's version",
  "matches.breakdown": "scores and reasons derived from listings and criteria",
  "offer_versions.terms": "an offer's price, payments, dates and conditions (a financial record)",
  "valuations.inputs": "multiples and earnings figures",
};
