import type { PrismaClient } from "../../generated/prisma/client.ts";

interface Logger {
  warn(object: object, message?: string): void;
}

/** How long a view may wait in memory before it reaches the database. */
export const VIEW_FLUSH_AFTER_MS = 1000;
/** Listings with waiting views that trigger a flush at once, whatever the time. */
export const VIEW_FLUSH_AT_LISTINGS = 500;

/**
 * Listing views, counted in memory and written in batches: a view is a read, so the request
 * that makes it takes no row lock and writes nothing. Every VIEW_FLUSH_AFTER_MS (or sooner, once
 * VIEW_FLUSH_AT_LISTINGS listings are waiting) one UPDATE adds each listing's views to
 * `businesses.view_count`. A flush that fails keeps its views for the next one; views still in
 * memory when a process dies without stopping (a Lambda instance reclaimed) are lost: at most a
 * second of one instance's views, which sellers' statistics can bear.
 */
export class ListingViewCounter {
  /** Views recorded and not yet being written. */
  private waiting = new Map<string, number>();
  /** Views in the UPDATE now running. */
  private writing = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;

  constructor(
    private readonly prisma: Pick<PrismaClient, "$executeRaw">,
    private readonly logger: Logger,
    private readonly options: { flushAfterMs?: number; flushAtListings?: number } = {},
  ) {}

  /** Counts one view of a listing. */
  record(businessId: string): void {
    this.waiting.set(businessId, (this.waiting.get(businessId) ?? 0) + 1);
    if (this.waiting.size >= (this.options.flushAtListings ?? VIEW_FLUSH_AT_LISTINGS)) {
      void this.flushQuietly();
    } else {
      this.scheduleFlush();
    }
  }

  /** A timer only while views wait (and unref'd): an idle process, or a test, is not kept awake. */
  private scheduleFlush() {
    if (this.timer || this.waiting.size === 0) return;
    this.timer = setTimeout(() => void this.flushQuietly(), this.options.flushAfterMs ?? VIEW_FLUSH_AFTER_MS);
    this.timer.unref();
  }

  /** This process's views of a listing that the database does not have yet. */
  notYetWritten(businessId: string): number {
    return (this.waiting.get(businessId) ?? 0) + (this.writing.get(businessId) ?? 0);
  }

  /**
   * Writes every waiting view; resolves with how many were written. One flush at a time: a call
   * during a flush waits for it and then writes what arrived meanwhile.
   */
  async flush(): Promise<number> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.size === 0) return 0;
    this.writing = this.waiting;
    this.waiting = new Map();
    this.flushing = this.write(this.writing);
    try {
      return await this.flushing;
    } catch (error) {
      // Put them back, ahead of any views recorded meanwhile, for the next flush.
      for (const [id, views] of this.writing) this.waiting.set(id, (this.waiting.get(id) ?? 0) + views);
      this.scheduleFlush();
      throw error;
    } finally {
      this.writing = new Map();
      this.flushing = undefined;
    }
  }

  private async flushQuietly() {
    try {
      await this.flush();
    } catch (error) {
      this.logger.warn({ err: error, event: "listing_views_flush_failed" }, "writing listing views failed; retrying");
    }
  }

  /**
   * One statement for the batch, fed in listing-id order so that two processes flushing at once
   * tend to lock the rows they share in the same order (a deadlock all the same fails one flush,
   * whose views wait for the next). view_count is outside the audit trail (migration
   * audit_trail) and outside the listing's version, so this changes neither.
   */
  private async write(batch: Map<string, number>): Promise<number> {
    const ids = [...batch.keys()].sort();
    const views = ids.map((id) => batch.get(id)!);
    await this.prisma.$executeRaw`
      UPDATE businesses b SET view_count = b.view_count + v.views
      FROM (SELECT * FROM unnest(${ids}::uuid[], ${views}::int[]) AS u(id, views) ORDER BY id) v
      WHERE b.id = v.id`;
    return views.reduce((sum, n) => sum + n, 0);
  }
}
