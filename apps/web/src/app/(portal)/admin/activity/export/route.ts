import {
  ACTIVITY_QUERY_FIELDS,
  activityFilterFromQuery,
  type ActivityQuery,
  exportActivityCsv,
} from "@homeport/core/admin/activity";
import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { mustSetUpTwoFactor } from "@homeport/core/identity/staff-policy";
import { ZodError } from "zod";
import { requestContext } from "@/lib/request-context";
import { currentUser } from "@/lib/session";

const HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

/**
 * The activity page's filtered view as CSV, streamed in batches so a large export does not sit in
 * memory. Staff with VIEW_ACTIVITY only; the export itself is recorded in the audit log.
 */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download activity.", { status: 401, headers: HEADERS });
  // Staff without two-step sign-in reach nothing in the console but its set-up page.
  if (mustSetUpTwoFactor(user, "/admin/activity/export")) {
    return new Response("Forbidden", { status: 403, headers: HEADERS });
  }
  const ctx = coreContext();
  const params = new URL(request.url).searchParams;
  const query: ActivityQuery = Object.fromEntries(
    ACTIVITY_QUERY_FIELDS.map((field) => [field, params.get(field)?.trim() || undefined]),
  );
  const audit = await requestContext({ userId: user.id, sessionId: user.sessionId });
  let chunks: AsyncIterable<string>;
  try {
    // exportActivityCsv checks VIEW_ACTIVITY itself and records a refusal.
    chunks = await exportActivityCsv(ctx, user, activityFilterFromQuery(query, ctx.profile.timeZone), undefined, audit);
  } catch (error) {
    if (error instanceof IdentityError && error.code === "NOT_ALLOWED") {
      return new Response("Forbidden", { status: 403, headers: HEADERS });
    }
    if (error instanceof ZodError) return new Response("Invalid filter.", { status: 400, headers: HEADERS });
    throw error;
  }
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const stamp = ctx.now().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    headers: {
      ...HEADERS,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${stamp}.csv"`,
    },
  });
}
