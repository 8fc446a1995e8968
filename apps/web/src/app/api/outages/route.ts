import { coreContext } from "@homeport/core/context";
import { reportOutage, ZOutageReport } from "@homeport/core/services/outages";
import { ServicesError } from "@homeport/core/services/service-errors";
import { authenticateIngestionKey } from "@homeport/core/usage/ingest";
import { createLogger } from "@/lib/logger";

const log = createLogger("outage-feed");

const problem = (status: number, error: string, details?: unknown) =>
  Response.json({ error, ...(details ? { details } : {}) }, { status });

/**
 * Network operations' outage feed: `POST` one incident report (see ZOutageReport) with
 * `Authorization: Bearer <ingestion key>`. Reports with the same `ref` update one outage, so the
 * sender can resend safely; 201 when the outage is new, 200 when it was updated.
 */
export async function POST(request: Request) {
  const ctx = coreContext();
  const key = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const integration = await authenticateIngestionKey(ctx.db, key);
  if (!integration) {
    return Response.json(
      { error: "missing, unknown or revoked API key" },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="outages"' } },
    );
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "the body must be JSON");
  }
  const parsed = ZOutageReport.safeParse(body);
  if (!parsed.success) {
    return problem(
      400,
      "the report is not valid",
      parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    );
  }
  try {
    const { outage, created } = await reportOutage(ctx, { userAgent: `integration:${integration.name}` }, parsed.data);
    log.info("outage report", { integration: integration.name, ref: parsed.data.ref, status: outage.status });
    return Response.json(
      { id: outage.id, ref: outage.externalRef, status: outage.status, created },
      { status: created ? 201 : 200 },
    );
  } catch (error) {
    if (error instanceof ServicesError && error.code === "OUTAGE_CLOSED") {
      return problem(409, "this outage is resolved; report a recurrence with a new ref");
    }
    if (error instanceof ServicesError && error.code === "OUTAGE_INVALID") {
      return problem(400, "startedAt is in the future");
    }
    throw error;
  }
}
