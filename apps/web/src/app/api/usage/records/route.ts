import { coreContext } from "@homeport/core/context";
import { authenticateIngestionKey, ingestUsage, MAX_BATCH } from "@homeport/core/usage/ingest";
import { createLogger } from "@/lib/logger";

const log = createLogger("usage-ingest");

const problem = (status: number, error: string) => Response.json({ error }, { status });

/**
 * The network's usage feed: `POST {"records": [...]}` with `Authorization: Bearer <key>`. Each
 * record gets its own result (accepted 201, duplicate 200, malformed 400, unknown account 404), so
 * one bad record never costs the others, and the sender can resend a whole batch safely.
 */
export async function POST(request: Request) {
  const ctx = coreContext();
  const key = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const integration = await authenticateIngestionKey(ctx.db, key);
  if (!integration) {
    return Response.json(
      { error: "missing, unknown or revoked API key" },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="usage"' } },
    );
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, "the body must be JSON");
  }
  const records = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) return problem(400, 'the body must be an object with a "records" array');
  if (records.length === 0) return problem(400, "the batch has no records");
  if (records.length > MAX_BATCH) return problem(413, `a batch may hold at most ${MAX_BATCH} records`);

  const results = await ingestUsage(ctx, records);
  const counts = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const result of results) counts[result.status] += 1;
  log.info("usage batch", { integration: integration.name, ...counts });
  return Response.json({
    ...counts,
    results: results.map((result) => ({
      ...result,
      code:
        result.status === "rejected"
          ? result.reason === "unknown_account"
            ? 404
            : 400
          : result.status === "accepted"
            ? 201
            : 200,
    })),
  });
}
