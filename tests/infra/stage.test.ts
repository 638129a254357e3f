import { describe, expect, it } from "vitest";
import { deployConfig } from "../../infra/lib/deploy-config.ts";
import {
  hasBackups,
  historyRetentionSeconds,
  isPreviewStage,
  isProtectedStage,
  logRetention,
  ownsDatabaseBranch,
  removalPolicy,
} from "../../infra/lib/stage.ts";

describe("SST stage rules", () => {
  it("protects and retains production only", () => {
    expect([isProtectedStage("production"), removalPolicy("production")]).toEqual([true, "retain"]);
    expect([isProtectedStage("pr-42"), removalPolicy("pr-42")]).toEqual([false, "remove"]);
    expect([isProtectedStage("dev-alice"), removalPolicy("dev-alice")]).toEqual([false, "remove"]);
  });

  it("recognises PR preview stages", () => {
    expect(["pr-1", "pr-1234"].map(isPreviewStage)).toEqual([true, true]);
    expect(["production", "pr-", "pr-12a", "my-pr-1"].map(isPreviewStage)).toEqual([false, false, false, false]);
  });
});

describe("per-stage settings", () => {
  it("keeps point-in-time history, backups and logs longest where the data is real", () => {
    const days = (stage: string) => historyRetentionSeconds(stage) / 86_400;
    expect(["production", "staging", "pr-7", "dev-alice"].map(days)).toEqual([30, 7, 1, 1]);
    expect(["production", "staging", "pr-7", "dev-alice"].map(hasBackups)).toEqual([true, true, false, false]);
    expect(["production", "staging", "pr-7"].map(logRetention)).toEqual(["13 months", "1 month", "1 week"]);
    expect(["pr-7", "dev-alice", "production", "staging"].map(ownsDatabaseBranch)).toEqual([true, true, false, false]);
  });

  it("names every missing deploy setting of a stage, and derives the frontend origin", () => {
    expect(() => deployConfig("production", {})).toThrow(
      "Stage production needs NEON_PRODUCTION_PROJECT_ID, NEON_PRODUCTION_BRANCH_ID, NEON_PREVIEW_PROJECT_ID",
    );
    expect(() => deployConfig("staging", { NEON_STAGING_PROJECT_ID: "p" })).toThrow(
      "Stage staging needs NEON_STAGING_BRANCH_ID",
    );
    expect(() => deployConfig("pr-7", {})).toThrow("Stage pr-7 needs NEON_PREVIEW_PROJECT_ID");
    // GitHub passes an unset variable as "": not a setting.
    expect(() => deployConfig("pr-7", { NEON_PREVIEW_PROJECT_ID: " " })).toThrow("needs NEON_PREVIEW_PROJECT_ID");
    expect(deployConfig("pr-7", { NEON_PREVIEW_PROJECT_ID: "p", FRONTEND_ORIGIN: "" }).frontendOrigin).toBe(
      "https://pr-7.preview.exitmatch.co.uk",
    );
    const preview = deployConfig("pr-7", { NEON_PREVIEW_PROJECT_ID: "p" });
    expect(preview).toMatchObject({
      frontendOrigin: "https://pr-7.preview.exitmatch.co.uk",
      previewBaseBranch: "anonymised-base",
    });
    expect(
      deployConfig("pr-7", {
        NEON_PREVIEW_PROJECT_ID: "p",
        FRONTEND_ORIGIN: "https://a.example",
        FRONTEND_ORIGIN_PR_7: "https://b.example",
      }).frontendOrigin,
    ).toBe("https://b.example");
  });
});
