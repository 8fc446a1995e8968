import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Builds the common-password blocklist used by packages/core/src/identity/password-policy.ts
 * (NIST SP 800-63B rev 4, ASVS 5.0 6.2.4: refuse commonly used and breached passwords).
 *
 * Source: the frequency-ranked "passwords-common" dictionary of @zxcvbn-ts/language-common (MIT).
 * Entries shorter than 8 code points are dropped (the length rule refuses them anyway); the rest are
 * NFKC-normalised, lower-cased and de-duplicated, most common first, capped at MAX_ENTRIES.
 *
 * The list is written as a TypeScript module rather than a .txt so that it bundles the same way
 * under Node, tsx, vitest and Next.js (where import.meta.url does not point at the source tree).
 *
 * Run from the repository root: pnpm exec tsx scripts/build-password-blocklist.ts
 */
const MIN_LENGTH = 8;
const MAX_ENTRIES = 20_000;
const OUTPUT = fileURLToPath(new URL("../packages/core/src/identity/data/common-passwords.ts", import.meta.url));

const require = createRequire(import.meta.url);
const { version } = require("@zxcvbn-ts/language-common/package.json") as { version: string };

const source = dictionary["passwords-common"];
const seen = new Set<string>();
const entries: string[] = [];
for (const raw of source) {
  const entry = raw.normalize("NFKC").toLowerCase();
  if ([...entry].length < MIN_LENGTH || /[\r\n]/.test(entry) || seen.has(entry)) continue;
  seen.add(entry);
  entries.push(entry);
  if (entries.length === MAX_ENTRIES) break;
}

/** Escapes what a template literal would otherwise interpret. */
const escapeTemplate = (text: string) => text.replace(/[\\`]/g, "\\$&").replace(/\$\{/g, "\\${");

const output = [
  `// source: @zxcvbn-ts/language-common ${version} (MIT), passwords of ${MIN_LENGTH}+ characters, most common first; regenerate with scripts/build-password-blocklist.ts`,
  "// Generated file: do not edit by hand. One lower-cased, NFKC-normalised entry per line.",
  `export const COMMON_PASSWORDS: string = \``,
  ...entries.map(escapeTemplate),
  "`;",
  "",
].join("\n");

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, output);
console.log(`Wrote ${entries.length} of ${source.length} entries (${Buffer.byteLength(output)} bytes) to ${OUTPUT}`);
