import semver from "semver";

/**
 * One published advisory: the versions of `package` inside `vulnerable` are affected, and `patched`
 * lists the first fixed release of each line that has one.
 */
export interface Advisory {
  id: string;
  package: string;
  vulnerable: string;
  patched: string[];
  summary: string;
}

export interface PackageVersion {
  name: string;
  version: string;
}

export interface AdvisoryMatch {
  advisory: Advisory;
  /** The lowest listed fix above the installed version; absent when no fixed release exists on a later line. */
  fixedIn: string | undefined;
}

/** A reviewed licence decision for a package whose declared licence the allowlist does not accept. */
export interface LicenceException {
  package: string;
  version: string;
  /** The licence field as published (null when the package declares none); a change to it voids the review. */
  declared: string | null;
  licence: string;
  reason: string;
}

/**
 * Licences that let us ship the portal without opening its source. MPL-2.0 is weak copyleft at file
 * level: it binds only changes to the library's own files, which we do not make. MIT-0 and Zlib are
 * MIT-like without (or with a lighter) attribution clause.
 */
export const PERMISSIVE_LICENCES = [
  "MIT",
  "MIT-0",
  "ISC",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "Apache-2.0",
  "0BSD",
  "BlueOak-1.0.0",
  "CC0-1.0",
  "CC-BY-4.0",
  "Unlicense",
  "Python-2.0",
  "Zlib",
  "MPL-2.0",
] as const;

// Advisory databases order pre-releases with their release line, so 4.0.1-alpha.0 is outside "<4.0.0".
const RANGE_OPTIONS = { includePrerelease: true } as const;

/**
 * Reads `name@version` out of a lockfile v9 key from `packages:` or `snapshots:`, where snapshots
 * append peer resolutions in parentheses. Keys whose version is not semver (links, tarballs, git) give undefined.
 */
export function parseLockfileKey(key: string): PackageVersion | undefined {
  const withoutPeers = key.split("(")[0] ?? key;
  const at = withoutPeers.lastIndexOf("@");
  if (at <= 0) return undefined;
  const name = withoutPeers.slice(0, at);
  const version = withoutPeers.slice(at + 1);
  return semver.valid(version) ? { name, version } : undefined;
}

export function isVulnerable(version: string, range: string): boolean {
  return semver.satisfies(version, range, RANGE_OPTIONS);
}

export function lowestFixAbove(version: string, patched: readonly string[]): string | undefined {
  return patched.filter((fix) => semver.gt(fix, version)).sort(semver.compare)[0];
}

export function advisoriesFor(pkg: PackageVersion, advisories: readonly Advisory[]): AdvisoryMatch[] {
  return advisories
    .filter((advisory) => advisory.package === pkg.name && isVulnerable(pkg.version, advisory.vulnerable))
    .map((advisory) => ({ advisory, fixedIn: lowestFixAbove(pkg.version, advisory.patched) }));
}

/**
 * The lowest version clear of every listed advisory, found by following fixes upward (a fix on one
 * line can still sit inside a later advisory's range). Undefined when some advisory has no fix above.
 */
export function minimumSafeVersion(pkg: PackageVersion, advisories: readonly Advisory[]): string | undefined {
  let version = pkg.version;
  for (let step = 0; step <= advisories.length; step += 1) {
    const matches = advisoriesFor({ name: pkg.name, version }, advisories);
    if (matches.length === 0) return version;
    const fixes = matches.map((match) => match.fixedIn);
    if (fixes.some((fix) => fix === undefined)) return undefined;
    version = (fixes as string[]).sort(semver.rcompare)[0] ?? version;
  }
  return undefined;
}

/** The lowest version a specifier admits ("7.0.6", "^7.0.6", "~7.0"); undefined for workspace: or npm: specifiers. */
export function lowestAdmitted(specifier: string): string | undefined {
  if (!semver.validRange(specifier)) return undefined;
  return semver.minVersion(specifier)?.version;
}

export function validateAdvisories(data: unknown): Advisory[] {
  if (!Array.isArray(data)) throw new Error("the advisories file must hold a JSON array");
  return data.map((entry: Partial<Advisory>, index) => {
    const where = `advisory #${index + 1} (${entry.id ?? "no id"})`;
    if (typeof entry.id !== "string" || !/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/.test(entry.id)) {
      throw new Error(`${where}: id must be a GHSA or CVE id`);
    }
    if (typeof entry.package !== "string" || entry.package === "") throw new Error(`${where}: package is missing`);
    if (typeof entry.vulnerable !== "string" || !semver.validRange(entry.vulnerable, RANGE_OPTIONS)) {
      throw new Error(`${where}: vulnerable must be a semver range`);
    }
    if (!Array.isArray(entry.patched) || !entry.patched.every((fix) => semver.valid(fix))) {
      throw new Error(`${where}: patched must list versions`);
    }
    for (const fix of entry.patched) {
      if (isVulnerable(fix, entry.vulnerable)) throw new Error(`${where}: patched version ${fix} is inside the range`);
    }
    if (typeof entry.summary !== "string" || entry.summary === "") throw new Error(`${where}: summary is missing`);
    return entry as Advisory;
  });
}

export function validateLicenceExceptions(data: unknown): LicenceException[] {
  if (!Array.isArray(data)) throw new Error("the licence exceptions file must hold a JSON array");
  return data.map((entry: Partial<LicenceException>, index) => {
    const where = `licence exception #${index + 1} (${entry.package ?? "no package"})`;
    if (typeof entry.package !== "string" || entry.package === "") throw new Error(`${where}: package is missing`);
    if (typeof entry.version !== "string" || !semver.validRange(entry.version)) {
      throw new Error(`${where}: version must be a version or range`);
    }
    if (entry.declared !== null && typeof entry.declared !== "string") {
      throw new Error(`${where}: declared must be the published licence field, or null when there is none`);
    }
    if (typeof entry.licence !== "string" || entry.licence === "") throw new Error(`${where}: licence is missing`);
    if (typeof entry.reason !== "string" || entry.reason.length < 20) throw new Error(`${where}: give the reason`);
    return entry as LicenceException;
  });
}

/**
 * The licence a package.json declares: `license` as an SPDX string or a legacy `{ type }` object, or
 * the legacy `licenses` array, whose entries are alternatives the user may choose between.
 */
export function declaredLicence(manifest: { license?: unknown; licenses?: unknown }): string | undefined {
  const typeOf = (value: unknown): string | undefined => {
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (value && typeof value === "object" && "type" in value && typeof value.type === "string") return value.type;
    return undefined;
  };
  const single = typeOf(manifest.license);
  if (single) return single;
  if (!Array.isArray(manifest.licenses)) return undefined;
  const alternatives = manifest.licenses.map(typeOf).filter((type): type is string => type !== undefined);
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`;
}

type SpdxNode = { licence: string } | { operator: "AND" | "OR"; left: SpdxNode; right: SpdxNode };

/**
 * Parses an SPDX licence expression: identifiers (an optional trailing "+" and "WITH exception" are
 * kept with the identifier they modify), AND binding tighter than OR, and parentheses. Operators are
 * matched case-insensitively because published packages write "MIT and ISC". Throws on anything else.
 */
export function parseSpdx(expression: string): SpdxNode {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const isOperator = (token: string | undefined, operator: string) => token?.toUpperCase() === operator;

  const parseOr = (): SpdxNode => {
    let node = parseAnd();
    while (isOperator(peek(), "OR")) {
      position += 1;
      node = { operator: "OR", left: node, right: parseAnd() };
    }
    return node;
  };
  const parseAnd = (): SpdxNode => {
    let node = parseTerm();
    while (isOperator(peek(), "AND")) {
      position += 1;
      node = { operator: "AND", left: node, right: parseTerm() };
    }
    return node;
  };
  const parseTerm = (): SpdxNode => {
    const token = peek();
    if (token === "(") {
      position += 1;
      const inner = parseOr();
      if (peek() !== ")") throw new Error(`unbalanced parentheses in "${expression}"`);
      position += 1;
      return inner;
    }
    if (token === undefined || token === ")" || ["AND", "OR", "WITH"].includes(token.toUpperCase())) {
      throw new Error(`expected a licence identifier in "${expression}"`);
    }
    if (!/^[A-Za-z0-9.+:-]+$/.test(token)) throw new Error(`"${token}" is not a licence identifier`);
    position += 1;
    if (isOperator(peek(), "WITH")) {
      const exception = tokens[position + 1];
      if (!exception || !/^[A-Za-z0-9.:-]+$/.test(exception))
        throw new Error(`WITH needs an exception in "${expression}"`);
      position += 2;
    }
    return { licence: token.replace(/\+$/, "") };
  };

  const tree = parseOr();
  if (position !== tokens.length) throw new Error(`unexpected "${tokens[position]}" in "${expression}"`);
  return tree;
}

/**
 * Whether an SPDX expression can be complied with using only allowed licences: an OR needs one
 * allowed side, an AND needs both. An exception added WITH a licence only grants more, so the base
 * licence decides. Identifiers compare case-insensitively, as SPDX specifies. Unparseable text is not allowed.
 */
export function isLicenceAllowed(expression: string, allowlist: Iterable<string>): boolean {
  const allowed = new Set([...allowlist].map((id) => id.toLowerCase()));
  const evaluate = (node: SpdxNode): boolean => {
    if ("licence" in node) return allowed.has(node.licence.toLowerCase());
    return node.operator === "OR"
      ? evaluate(node.left) || evaluate(node.right)
      : evaluate(node.left) && evaluate(node.right);
  };
  try {
    return evaluate(parseSpdx(expression));
  } catch {
    return false;
  }
}

export function findLicenceException(
  exceptions: readonly LicenceException[],
  pkg: PackageVersion,
  declared: string | undefined,
): LicenceException | undefined {
  return exceptions.find(
    (exception) =>
      exception.package === pkg.name &&
      semver.satisfies(pkg.version, exception.version, RANGE_OPTIONS) &&
      exception.declared === (declared ?? null),
  );
}
