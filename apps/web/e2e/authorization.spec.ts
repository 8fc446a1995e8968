import { writeFileSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { ACTION_MATRIX, ROUTE_MATRIX } from "./authorization/matrix.ts";
import { POST_ONLY, ROUTE_PARAMS } from "./authorization/params.ts";
import {
  actionExports,
  actionIds,
  type ObjectIds,
  ownerObjectIds,
  removeMadeObjects,
  ROLES,
  routeFiles,
  urlPath,
} from "./authorization/targets.ts";
import { outcomeOf, visitorContext } from "./authorization/visitors.ts";
import { AUTHZ_DISCOVER, E2E_DATABASE_URL } from "./env.ts";

/**
 * The authorization matrix, over HTTP against the production build: every page and route handler
 * (found on disk) and every server action (found in the build's manifest) is tried by each kind
 * of visitor — signed out, the household's owner, a member, another household, and each staff
 * role — and must answer exactly as ROUTE_MATRIX / ACTION_MATRIX say. Dynamic routes are visited
 * with the demo owner's own ids, so the member, the other household and staff are tried against
 * objects that are not theirs. A page, route or action missing from the matrix fails the run.
 *
 * AUTHZ_DISCOVER=1 writes what each visitor gets to test-results/authorization-discovered.json
 * instead of asserting, to review when a route is added.
 */
const databaseUrl = E2E_DATABASE_URL;
const discover = AUTHZ_DISCOVER;

test.describe.configure({ mode: "serial" });
test.afterAll(() => removeMadeObjects(databaseUrl));

test("every page, route handler and server action is in the matrix", () => {
  test.skip(discover, "discovering");
  expect(routeFiles()).toEqual(Object.keys(ROUTE_MATRIX).sort());
  expect(actionExports().map((action) => action.name)).toEqual(Object.keys(ACTION_MATRIX).sort());
  const built = actionIds();
  for (const { name } of actionExports()) expect(built.has(name), `${name} is in the build`).toBe(true);
});

async function visitRoute(request: APIRequestContext, file: string, ids: ObjectIds): Promise<string> {
  const path = urlPath(file, ROUTE_PARAMS[file]?.(ids));
  const response = POST_ONLY.has(file)
    ? await request.post(path, { data: {}, maxRedirects: 0 })
    : await request.get(path, { maxRedirects: 0 });
  return outcomeOf(response.status(), response.headers()["location"] ?? "");
}

/** Calls an action the way the page's JavaScript does, with an empty form. */
async function callAction(request: APIRequestContext, id: string, arity: number): Promise<string> {
  const headers = {
    "Next-Action": id,
    Accept: "text/x-component",
    Origin: new URL(test.info().project.use.baseURL!).origin,
  };
  const args = arity === 0 ? [] : arity === 1 ? ["$K1"] : [{ status: "idle" }, "$K1"];
  const response =
    arity === 0
      ? await request.post("/", {
          headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
          data: "[]",
          maxRedirects: 0,
        })
      : await request.post("/", { headers, multipart: { "0": JSON.stringify(args) }, maxRedirects: 0 });
  const redirect = response.headers()["x-action-redirect"];
  if (redirect) return outcomeOf(303, redirect.split(";")[0]!);
  // notFound() and a thrown error come back as the action's result, with their digest.
  const body = await response.text();
  if (body.includes('"digest":"NEXT_HTTP_ERROR_FALLBACK;404"')) return "404";
  if (/^\w+:E\{"digest"/m.test(body)) return "500";
  return outcomeOf(response.status(), response.headers()["location"] ?? "");
}

const discovered: Record<string, Record<string, string>> = {};

for (const role of ROLES) {
  test(`${role}: every route and action answers as the matrix says`, async ({ browser }) => {
    test.setTimeout(180_000);
    const ids = await ownerObjectIds(databaseUrl);
    const { context } = await visitorContext(browser, role);
    try {
      const mismatches: string[] = [];
      for (const file of routeFiles()) {
        const got = await visitRoute(context.request, file, ids);
        (discovered[file] ??= {})[role] = got;
        const expected = ROUTE_MATRIX[file]?.[role];
        if (!discover && got !== expected) mismatches.push(`${file}: expected ${expected}, got ${got}`);
      }
      const built = actionIds();
      for (const { name, arity } of actionExports()) {
        const expected = ACTION_MATRIX[name]?.[role];
        // Only refusals are tried: an action the visitor may use proves nothing with an empty form,
        // and some act on one (paperless billing reads a missing box as "off").
        if (!discover && !/^(login|4\d\d)$/.test(expected ?? "")) continue;
        if (discover && role !== "signedOut" && name === "session.ts#signOutAction") continue;
        const got = await callAction(context.request, built.get(name)!, arity);
        (discovered[name] ??= {})[role] = got;
        if (!discover && got !== expected) mismatches.push(`${name}: expected ${expected}, got ${got}`);
      }
      expect(mismatches, `${role}\n${mismatches.join("\n")}`).toEqual([]);
    } finally {
      await context.close();
    }
    if (discover) writeFileSync("test-results/authorization-discovered.json", JSON.stringify(discovered, null, 2));
  });
}
