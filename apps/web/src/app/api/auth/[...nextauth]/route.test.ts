import { describe, expect, it } from "vitest";
import { authOptions, isCallbackUrl } from "@/lib/auth";
import { GET, POST } from "./route.ts";

/**
 * The malformed requests next-auth itself would answer with a 500 are refused before it sees them.
 * (What passes on is next-auth's, which needs a running Next server; the e2e fuzz spec covers it.)
 */

const ORIGIN = "http://localhost:3100";
const context = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });

async function refusal(response: Response) {
  return { status: response.status, body: (await response.json()) as { error: string } };
}

describe("the next-auth route refuses what next-auth cannot answer", () => {
  it("a callbackUrl in the query that is not a URL", async () => {
    for (const callbackUrl of ["foo", "javascript:alert(1)", "http://", "ftp://example.com/x"]) {
      const request = new Request(`${ORIGIN}/api/auth/csrf?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      expect(await refusal(await GET(request, context("csrf"))), callbackUrl).toEqual({
        status: 400,
        body: { error: "callbackUrl must be a path or an http(s) URL" },
      });
    }
    // next-auth reads the last of repeated parameters.
    const repeated = new Request(`${ORIGIN}/api/auth/session?callbackUrl=%2Fok&callbackUrl=foo`);
    expect((await GET(repeated, context("session"))).status).toBe(400);
  });

  it("a callback cookie that is not a URL, and clears it", async () => {
    const name = authOptions.cookies!.callbackUrl!.name;
    const request = new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: `a=1; ${name}=not%20a%20url` } });
    const response = await GET(request, context("session"));
    expect(response.status).toBe(400);
    expect(response.headers.get("set-cookie")).toContain(`${name}=; Path=/; Max-Age=0`);
  });

  it("an error code a Location header cannot carry", async () => {
    for (const code of ["€", "a\r\nSet-Cookie: x=1", "\u0000"]) {
      const request = new Request(`${ORIGIN}/api/auth/error?error=${encodeURIComponent(code)}`);
      expect((await GET(request, context("error"))).status, JSON.stringify(code)).toBe(400);
    }
    expect((await GET(new Request(`${ORIGIN}/api/auth/error/%E2%82%AC`), context("error", "€"))).status).toBe(400);
  });

  it("a GET to the credentials callback", async () => {
    const response = await GET(
      new Request(`${ORIGIN}/api/auth/callback/credentials`),
      context("callback", "credentials"),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("a body sent as JSON that is not JSON", async () => {
    for (const body of ["{", "", "{'a': 1}", '{"email": "a@b.c",}']) {
      const request = new Request(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body,
      });
      expect(await refusal(await POST(request, context("callback", "credentials"))), body).toEqual({
        status: 400,
        body: { error: "the body must be JSON" },
      });
    }
  });
});

describe("callback URLs", () => {
  const redirect = (url: unknown) => authOptions.callbacks!.redirect!({ url: url as string, baseUrl: ORIGIN });

  it("accepts what next-auth accepts: a path or an http(s) URL", () => {
    for (const value of ["/", "/billing?tab=1", `${ORIGIN}/usage`, "https://elsewhere.example/x"]) {
      expect(isCallbackUrl(value, ORIGIN), value).toBe(true);
    }
    for (const value of ["", "billing", "mailto:a@b.c", "http://"])
      expect(isCallbackUrl(value, ORIGIN), value).toBe(false);
  });

  it("sends a sign-in back within this site only, never throwing", async () => {
    expect(await redirect("/billing?tab=1")).toBe(`${ORIGIN}/billing?tab=1`);
    expect(await redirect(`${ORIGIN}/usage`)).toBe(`${ORIGIN}/usage`);
    expect(await redirect("/\u20ac\r\n")).toBe(`${ORIGIN}/%E2%82%AC`);
    for (const elsewhere of ["https://evil.example/", "//evil.example/x", "http://[", 42, undefined]) {
      expect(await redirect(elsewhere), String(elsewhere)).toBe(ORIGIN);
    }
  });
});
