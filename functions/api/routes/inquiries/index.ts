import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import type { AppEnv } from "../../app-context.ts";
import { registerAcceptNda } from "./accept-nda.ts";
import { registerCreateInquiry } from "./create.ts";
import { registerGetInquiry } from "./get.ts";
import { registerListInquiries } from "./list.ts";
import { registerRespondToInquiry } from "./respond.ts";

export function registerInquiryRoutes<S extends Schema>(app: OpenAPIHono<AppEnv, S>) {
  return registerAcceptNda(
    registerRespondToInquiry(registerGetInquiry(registerListInquiries(registerCreateInquiry(app)))),
  );
}
