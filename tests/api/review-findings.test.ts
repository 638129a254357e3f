// The outside review's findings that are about single requests (issue 11, section 2), each
// reproduced as the tester did it against a fresh server.
import { beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { call, loginAs, problemOf } from "../support/api-client.ts";
import { NEW_LISTING } from "../support/listing-body.ts";
import { ACTORS, BUSINESS } from "../support/seed-actors.ts";
import { type SeededApp, useSeededApp } from "../support/seeded-app.ts";
import type { TestDatabase } from "../support/test-database.ts";

const ROOM = stableId("inquiry-1:room"); // business-1's deal room: owner seller, NDA buyer, advisor

const listing = NEW_LISTING;

describe("findings from the outside review", () => {
  const seeded = useSeededApp();
  let db: TestDatabase;
  let app: SeededApp["app"];
  let token: SeededApp["token"];

  beforeAll(() => {
    ({ db, app, token } = seeded);
  });

  describe("upper-case UUIDs are the same ids, never a 500", () => {
    it("erases a person named by an upper-case id", async () => {
      const person = await db.prisma.user.create({
        data: { email: "upper.case@example.co.uk", name: "Upper Case", role: "BUYER" },
      });
      const response = await call(app, "POST", `/admin/users/${person.id.toUpperCase()}/erasure`, {
        token: token("admin"),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const erased = await db.prisma.user.findUniqueOrThrow({ where: { id: person.id, deletedAt: undefined } });
      expect(erased.anonymizedAt).not.toBeNull();
      expect(erased.email).toBe(erased.email.toLowerCase());
      expect(erased.email).not.toContain("upper.case");
    });

    it("reads a listing, a deal room and an inquiry through upper-case ids", async () => {
      const lower = await call(app, "GET", `/businesses/${BUSINESS.openPublished}`);
      const upper = await call(app, "GET", `/businesses/${BUSINESS.openPublished.toUpperCase()}`);
      expect(upper.status).toBe(200);
      expect(((await upper.json()) as { id: string }).id).toBe(((await lower.json()) as { id: string }).id);
      const room = await call(app, "GET", `/deal-rooms/${ROOM.toUpperCase()}`, { token: token("ownerSeller") });
      expect(((await room.json()) as { id: string }).id).toBe(ROOM);
      const inquiry = stableId("inquiry-1");
      const read = await call(app, "GET", `/inquiries/${inquiry.toUpperCase()}`, { token: token("buyerWithNda") });
      expect(((await read.json()) as { id: string }).id).toBe(inquiry);
    });
  });

  describe("concurrent deletes", () => {
    it("one delete wins with 204, the other finds nothing (404), never a 500", async () => {
      for (let round = 0; round < 5; round++) {
        const created = (await (
          await call(app, "POST", "/businesses", { token: token("otherSeller"), body: listing })
        ).json()) as { id: string };
        const responses = await Promise.all(
          [1, 2, 3].map(() => call(app, "DELETE", `/businesses/${created.id}`, { token: token("otherSeller") })),
        );
        const statuses = responses.map((response) => response.status).sort();
        expect(statuses).toEqual([204, 404, 404]);
        for (const response of responses.filter((r) => r.status === 404)) {
          expect((await problemOf(response)).code).toBe("not_found");
        }
      }
    });
  });

  describe("a deal room always has an owner", () => {
    it("refuses the owner re-adding themselves with another role", async () => {
      const owner = await db.prisma.user.findFirstOrThrow({ where: { email: ACTORS.ownerSeller } });
      for (const role of ["VIEWER", "ADVISOR"]) {
        const response = await call(app, "POST", `/deal-rooms/${ROOM}/members`, {
          token: token("ownerSeller"),
          body: { userId: owner.id, role },
        });
        expect((await problemOf(response)).code).toBe("conflict");
      }
      // Nor can an admin (who acts as an owner) demote them.
      const byAdmin = await call(app, "POST", `/deal-rooms/${ROOM}/members`, {
        token: token("admin"),
        body: { userId: owner.id.toUpperCase(), role: "VIEWER" },
      });
      expect((await problemOf(byAdmin)).code).toBe("conflict");
      const owners = await db.prisma.dealRoomMember.findMany({ where: { dealRoomId: ROOM, role: "OWNER" } });
      expect(owners.map((member) => [member.userId, member.revokedAt])).toEqual([[owner.id, null]]);
      const room = (await (await call(app, "GET", `/deal-rooms/${ROOM}`, { token: token("ownerSeller") })).json()) as {
        members: { userId: string; role: string }[];
      };
      expect(room.members.filter((member) => member.role === "OWNER").map((member) => member.userId)).toEqual([
        owner.id,
      ]);
    });
  });

  describe("NUL characters are refused in the API's words, never the database's", () => {
    const NUL = "\u0000";
    const cases: [string, string, string, () => string, unknown, string][] = [
      [
        "create a listing",
        "POST",
        "/businesses",
        () => token("otherSeller"),
        { ...listing, title: `Bad${NUL}title here` },
        "title",
      ],
      ["search", "GET", `/businesses?q=bakery${encodeURIComponent(NUL)}`, () => token("buyerWithNda"), undefined, "q"],
      [
        "register",
        "POST",
        "/auth/register",
        () => "",
        { email: "nul@example.co.uk", password: "A-good-password-2026", name: `N${NUL}`, role: "BUYER" },
        "name",
      ],
      ["log in", "POST", "/auth/login", () => "", { email: "nul@example.co.uk", password: `x${NUL}` }, "password"],
      [
        "ask a question",
        "POST",
        `/deal-rooms/${ROOM}/questions`,
        () => token("buyerWithNda"),
        { body: `What${NUL} about VAT?` },
        "body",
      ],
      [
        "inquire",
        "POST",
        `/businesses/${BUSINESS.openPublished}/inquiries`,
        () => token("buyerWithoutNda"),
        { message: `Hello${NUL} there, interested.` },
        "message",
      ],
      [
        "buyer profile",
        "PUT",
        "/me/buyer-profile",
        () => token("buyerWithNda"),
        { headline: `Buyer${NUL}`, sicCodes: ["62"], regions: [], fundingSource: "CASH" },
        "headline",
      ],
    ];
    it.each(cases)("%s", async (_name, method, path, who, body, field) => {
      const response = await call(app, method, path, { token: who() || undefined, body });
      const text = await response.clone().text();
      expect(text).not.toMatch(/UTF8|byte sequence|0x00|PostgreSQL|SQL/i);
      const problem = await problemOf(response);
      expect([problem.status, problem.code]).toEqual([400, "validation_failed"]);
      expect(problem.errors?.map((error) => error.field)).toContain(field);
    });
  });

  describe("personal data is never cached", () => {
    it("marks signed-in reads private, no-store, and only the API description public", async () => {
      const reads: [string, string | undefined][] = [
        ["/me", token("buyerWithNda")],
        [`/businesses/${BUSINESS.confidentialPublished}/financials`, token("buyerWithNda")],
        [`/businesses/${BUSINESS.confidentialPublished}`, token("buyerWithNda")],
        ["/inquiries", token("buyerWithNda")],
        ["/admin/users", token("admin")],
        ["/admin/audit", token("admin")],
        [`/deal-rooms/${ROOM}/documents`, token("ownerSeller")],
        ["/businesses", undefined],
      ];
      for (const [path, who] of reads) {
        const response = await call(app, "GET", path, { token: who });
        expect(response.status, path).toBe(200);
        expect(response.headers.get("cache-control"), path).toBe("private, no-store");
      }
      const exported = await call(app, "POST", "/me/data-export", { token: token("buyerWithNda") });
      expect(exported.headers.get("cache-control")).toBe("private, no-store");
      const failure = await call(app, "GET", "/me");
      expect(failure.headers.get("cache-control")).toBe("private, no-store");
      const description = await call(app, "GET", "/openapi.json");
      expect(description.headers.get("cache-control")).toBe("public, max-age=300");
    });

    it("keeps a fresh login's tokens out of caches too", async () => {
      const response = await call(app, "POST", "/auth/login", {
        body: { email: ACTORS.advisorOffDeal, password: "ExitMatch-dev-2026" },
      });
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(await loginAs(app, ACTORS.advisorOffDeal)).toBeTruthy();
    });
  });
});
