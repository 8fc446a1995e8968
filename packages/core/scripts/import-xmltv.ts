import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createPrismaClient, resolveConnection } from "@homeport/db";
import { startEmbeddedDatabase } from "@homeport/db/embedded";
import { importGuide } from "../src/dvr/import-guide.ts";
import { parseXmltv, readXmltvDocument } from "../src/dvr/xmltv.ts";
import { createChannelMatcher } from "../src/dvr/xmltv-channels.ts";

const USAGE = "usage: pnpm guide:import <file.xml> [--days 14]";
const HOUR = 3_600_000;

function parseArgs(argv: readonly string[]): { file: string; days: number } {
  let file: string | undefined;
  let days = 14;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--days" || arg.startsWith("--days=")) {
      const value = arg === "--days" ? argv[(i += 1)] : arg.slice("--days=".length);
      days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > 60) throw new Error(`--days takes 1 to 60, not "${value}"`);
    } else if (arg === "--") {
      continue;
    } else if (arg.startsWith("-") || file !== undefined) {
      throw new Error(`unexpected argument "${arg}" (${USAGE})`);
    } else {
      file = arg;
    }
  }
  if (file === undefined) throw new Error(USAGE);
  return { file, days };
}

/**
 * `pnpm guide:import <file.xml> [--days N]`: replaces the guide of the channels the XMLTV file
 * covers, from the current hour for N days, with the file's programmes.
 */
async function main(): Promise<void> {
  const { file, days } = parseArgs(process.argv.slice(2));
  // pnpm runs the script in packages/core; a relative path means where the operator typed it,
  // which pnpm passes in INIT_CWD (its own variable, not configuration for env.ts to own).
  // eslint-disable-next-line no-restricted-syntax
  const xml = await readFile(resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
  const document = readXmltvDocument(xml);
  const config = resolveConnection();
  const embedded = config.embedded ? await startEmbeddedDatabase() : undefined;
  const db = createPrismaClient(config);
  try {
    const lineup = await db.channel.findMany({ select: { id: true, number: true, name: true, callSign: true } });
    const match = createChannelMatcher(lineup);
    const mapped = new Map<string, string | null>();
    const parsed = parseXmltv(document, {
      channelMap: (id, names) => {
        const channelId = match(id, names);
        mapped.set(id, channelId);
        return channelId;
      },
    });
    // Channels declared but never used by a programme were not asked about yet.
    for (const channel of parsed.channels) {
      if (!mapped.has(channel.id)) mapped.set(channel.id, match(channel.id, channel.names));
    }

    const now = Date.now();
    const from = new Date(Math.floor(now / HOUR) * HOUR);
    // A feed shorter than --days leaves the days after its last programme as they were.
    const feedEnd = parsed.programs.reduce((end, p) => Math.max(end, p.endsAt.getTime()), 0);
    const to = new Date(Math.min(now + days * 24 * HOUR, Math.max(feedEnd, from.getTime() + HOUR)));
    const result = await importGuide(db, parsed.programs, { from, to });

    const unmappedIds = [...mapped].filter(([, channelId]) => channelId === null).map(([id]) => id);
    console.log(
      `Channels: ${mapped.size - unmappedIds.length} mapped, ${unmappedIds.length} unmapped` +
        (unmappedIds.length ? ` (${unmappedIds.slice(0, 10).join(", ")}${unmappedIds.length > 10 ? ", …" : ""})` : ""),
    );
    console.log(
      `Programmes: ${result.inserted} inserted, ${result.skipped} skipped (outside ${from.toISOString()} to ` +
        `${to.toISOString()}), ${parsed.unmapped} on unmapped channels; ${result.deleted} earlier airings replaced ` +
        `on ${result.channels} channels`,
    );
    console.log(`Problems: ${parsed.problems.length}`);
    for (const problem of parsed.problems.slice(0, 10)) console.log(`  programme #${problem.index}: ${problem.reason}`);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

/**
 * Operators get one line. Prisma's query errors open with "Invalid `db.x()` invocation" and a
 * code frame, and say what went wrong ("The table … does not exist") on their last line.
 */
function firstLine(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return (lines[0]?.startsWith("Invalid `") ? lines.at(-1) : lines[0]) ?? message;
}

main().catch((error: unknown) => {
  console.error(`Guide import failed: ${error instanceof Error ? firstLine(error.message) : String(error)}`);
  process.exit(1);
});
