import { describe, expect, it } from "vitest";
import { isPreviewStage, isProtectedStage, removalPolicy } from "../../infra/lib/stage.ts";

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
