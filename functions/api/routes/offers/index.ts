import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAcceptOffer } from "./accept.ts";
import { registerOfferBoard } from "./board.ts";
import { registerCompareOfferVersions } from "./compare-versions.ts";
import { registerCounterOffer } from "./counter.ts";
import { registerGetOffer } from "./get.ts";
import { registerListMyOffers } from "./list-mine.ts";
import { registerMakeOffer } from "./make.ts";
import { registerRejectOffer } from "./reject.ts";
import { registerWithdrawOffer } from "./withdraw.ts";

export function registerOfferRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  const withReads = registerCompareOfferVersions(registerGetOffer(registerListMyOffers(registerOfferBoard(app))));
  return registerWithdrawOffer(
    registerRejectOffer(registerAcceptOffer(registerCounterOffer(registerMakeOffer(withReads)))),
  );
}
