import type { Clock } from "../clock/clock.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import type { SealerDatabase } from "./seal-audit-chain.ts";

/**
 * The audit chain's head (position and hash) as written outside the database. The chain inside
 * the database proves nobody changed a row without also recomputing every hash after it, which
 * its owner (or whoever restores an edited backup) can do; an anchor they cannot change pins
 * what the chain was. In the cloud the anchors go to an S3 bucket with object lock (no one can
 * remove or overwrite them until their retention ends); in development to an append-only folder.
 */
export interface AuditAnchor {
  /** Which chain: audit_chain.chain_id (a database's own; a restored backup keeps it). */
  chainId: string;
  /** The chain position of the head when anchored (a decimal string: positions are bigint). */
  position: string;
  hash: string;
}

export const AUDIT_ANCHOR_PREFIX = "audit-anchors/";
/** How often the head is anchored even when the sealer had nothing new. */
export const ANCHOR_AT_LEAST_EVERY_MS = 60_000;

/**
 * One object per anchor, under its chain's folder; the key says it all (position padded to sort,
 * then the hash), so listing the folder reads every anchor.
 */
export const anchorKey = (anchor: AuditAnchor) =>
  `${AUDIT_ANCHOR_PREFIX}${anchor.chainId}/${anchor.position.padStart(20, "0")}-${anchor.hash}`;

const KEY = /^audit-anchors\/([0-9a-f-]{36})\/(\d{20})-([0-9a-f]+)$/;

/** The anchor a key names, or undefined for a key that is not one. */
export function parseAnchorKey(key: string): AuditAnchor | undefined {
  const match = KEY.exec(key);
  return match ? { chainId: match[1]!, position: BigInt(match[2]!).toString(), hash: match[3]! } : undefined;
}

/** Every anchor of one chain in the store, in chain order. */
export async function listAuditAnchors(store: Pick<ObjectStorage, "list">, chainId: string): Promise<AuditAnchor[]> {
  return (await store.list(`${AUDIT_ANCHOR_PREFIX}${chainId}/`))
    .map(parseAnchorKey)
    .filter((anchor): anchor is AuditAnchor => anchor !== undefined);
}

/** The sealed chain's head, or undefined while nothing is sealed. */
async function chainHead(database: SealerDatabase): Promise<AuditAnchor | undefined> {
  const [head] = await database.$queryRaw<AuditAnchor[]>`
    SELECT chain_id::text AS "chainId", last_id::text AS position, last_hash AS hash FROM audit_chain WHERE id = 1`;
  return head && head.position !== "0" ? head : undefined;
}

/**
 * Anchors the chain head after each seal that moved it, and at least every
 * ANCHOR_AT_LEAST_EVERY_MS (writing it again if it is missing, say after the store was briefly
 * unreachable). Anchors are created, never replaced: writing one that is there already is a no-op.
 */
export class AuditChainAnchorer {
  private lastKey: string | undefined;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Pick<ObjectStorage, "create">,
    private readonly clock: Clock,
  ) {}

  /** Returns the anchor written, or undefined when there was nothing to write. */
  async anchor(database: SealerDatabase): Promise<AuditAnchor | undefined> {
    const head = await chainHead(database);
    if (!head) return undefined;
    const key = anchorKey(head);
    const now = this.clock.now().getTime();
    if (key === this.lastKey && now - this.lastAt < ANCHOR_AT_LEAST_EVERY_MS) return undefined;
    const body = JSON.stringify({ ...head, anchoredAt: new Date(now).toISOString() });
    const created = await this.store.create(key, new TextEncoder().encode(body), "application/json");
    this.lastKey = key;
    this.lastAt = now;
    return created ? head : undefined;
  }
}
