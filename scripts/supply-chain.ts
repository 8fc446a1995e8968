import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import {
  type Advisory,
  type AdvisoryMatch,
  type LicenceException,
  type PackageVersion,
  PERMISSIVE_LICENCES,
  advisoriesFor,
  declaredLicence,
  findLicenceException,
  isLicenceAllowed,
  lowestAdmitted,
  minimumSafeVersion,
  parseLockfileKey,
  validateAdvisories,
  validateLicenceExceptions,
} from "./supply-chain/rules.ts";

/**
 * `pnpm deps:check`, from the repository root, without the network: every package pnpm-lock.yaml
 * resolves is checked against the advisories in scripts/supply-chain/advisories.json, the catalog's
 * pins for direct dependencies are held to the same advisories, and every installed package's licence
 * must be on the permissive allowlist or carry a reviewed exception. Exits 1 on any finding.
 */
const root = process.cwd();
const readText = (file: string) => readFileSync(path.join(root, file), "utf8");
const readJson = (file: string): unknown => JSON.parse(readText(file));

interface Lockfile {
  lockfileVersion?: string | number;
  packages?: Record<string, unknown>;
  snapshots?: Record<string, unknown>;
}

interface Workspace {
  catalog?: Record<string, string>;
  overrides?: Record<string, string>;
}

function lockedPackages(lockfile: Lockfile): PackageVersion[] {
  if (!String(lockfile.lockfileVersion ?? "").startsWith("9")) {
    throw new Error(`pnpm-lock.yaml is lockfile version ${lockfile.lockfileVersion}; this check reads version 9`);
  }
  const unique = new Map<string, PackageVersion>();
  for (const key of [...Object.keys(lockfile.packages ?? {}), ...Object.keys(lockfile.snapshots ?? {})]) {
    const pkg = parseLockfileKey(key);
    if (pkg) unique.set(`${pkg.name}@${pkg.version}`, pkg);
  }
  return [...unique.values()].sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
}

/** Each check prints one summary line, with its details indented under it. */
function report(summary: string, details: readonly string[]): void {
  console.log([summary, ...details].join("\n"));
}

function checkAdvisories(packages: readonly PackageVersion[], advisories: readonly Advisory[]): boolean {
  const findings: string[] = [];
  let matchCount = 0;
  for (const pkg of packages) {
    const matches = advisoriesFor(pkg, advisories);
    if (matches.length === 0) continue;
    matchCount += matches.length;
    const safe = minimumSafeVersion(pkg, advisories);
    findings.push(
      `  ${pkg.name}@${pkg.version}: upgrade to ${safe ?? "(no fixed release listed)"} or later`,
      ...matches.map(describeMatch),
    );
  }
  const scope = `advisories: ${advisories.length} checked against ${packages.length} packages`;
  report(findings.length === 0 ? `${scope}, none matched` : `${scope}, ${matchCount} matched`, findings);
  return findings.length === 0;
}

function describeMatch({ advisory, fixedIn }: AdvisoryMatch): string {
  return `    ${advisory.id} (fixed in ${fixedIn ?? "no later release"}): ${advisory.summary}`;
}

/** A pin below a listed fix brings the advisory back at the next `pnpm install`, whatever the lockfile holds now. */
function checkDirectPins(workspace: Workspace, advisories: readonly Advisory[]): boolean {
  const pins = [
    ...Object.entries(workspace.catalog ?? {}).map(([name, specifier]) => ({ source: "catalog", name, specifier })),
    ...Object.entries(workspace.overrides ?? {}).map(([name, specifier]) => ({ source: "override", name, specifier })),
  ];
  const findings: string[] = [];
  for (const { source, name, specifier } of pins) {
    const lowest = lowestAdmitted(specifier);
    if (!lowest || advisoriesFor({ name, version: lowest }, advisories).length === 0) continue;
    const safe = minimumSafeVersion({ name, version: lowest }, advisories);
    findings.push(
      `  ${source} ${name}: ${specifier} admits ${lowest}; the minimum safe version is ${safe ?? "unknown"}`,
    );
  }
  report(
    findings.length === 0
      ? `direct pins: ${pins.length} catalog and override entries at or above every listed fix`
      : `direct pins: ${findings.length} of ${pins.length} catalog and override entries below a listed fix`,
    findings,
  );
  return findings.length === 0;
}

/** pnpm stores `@scope/name@1.0.0` as `.pnpm/@scope+name@1.0.0`, followed by `_<peers>` when it has peers. */
function installedManifestPath(storeEntries: readonly string[], pkg: PackageVersion): string | undefined {
  const base = `${pkg.name.replace("/", "+")}@${pkg.version}`;
  const entry = storeEntries.find((name) => name === base || name.startsWith(`${base}_`));
  if (!entry) return undefined;
  const manifest = path.join(root, "node_modules/.pnpm", entry, "node_modules", pkg.name, "package.json");
  return existsSync(manifest) ? manifest : undefined;
}

function checkLicences(packages: readonly PackageVersion[], exceptions: readonly LicenceException[]): boolean {
  const storeEntries = readdirSync(path.join(root, "node_modules/.pnpm"));
  const counts = new Map<string, number>();
  const reviewed: string[] = [];
  const findings: string[] = [];
  const usedExceptions = new Set<LicenceException>();
  let installed = 0;

  for (const pkg of packages) {
    const manifestPath = installedManifestPath(storeEntries, pkg);
    if (!manifestPath) continue;
    installed += 1;
    const declared = declaredLicence(JSON.parse(readFileSync(manifestPath, "utf8")));
    let licence = declared ?? "(none declared)";
    if (!declared || !isLicenceAllowed(declared, PERMISSIVE_LICENCES)) {
      const exception = findLicenceException(exceptions, pkg, declared);
      if (!exception) {
        findings.push(`    ${pkg.name}@${pkg.version}: ${licence}`);
        continue;
      }
      usedExceptions.add(exception);
      reviewed.push(`${pkg.name}@${pkg.version} (${exception.licence})`);
      licence = `${exception.licence} (reviewed)`;
    }
    counts.set(licence, (counts.get(licence) ?? 0) + 1);
  }

  const tally = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([id, n]) => `${id} ${n}`);
  const notInstalled = packages.length - installed;
  const scope = `licences: ${installed} installed packages checked (${notInstalled} locked but not installed here)`;
  const details = [`  ${tally.join(", ")}`];
  if (reviewed.length > 0) details.push(`  reviewed exceptions: ${reviewed.join(", ")}`);
  const locked = new Set(packages.map((pkg) => pkg.name));
  for (const stale of exceptions.filter((entry) => !usedExceptions.has(entry) && !locked.has(entry.package))) {
    details.push(`  note: the exception for ${stale.package} matches nothing in the lockfile any more`);
  }
  if (findings.length > 0) {
    details.push(`  ${findings.length} outside the allowlist, without a reviewed exception:`, ...findings);
  }
  report(scope, details);
  return findings.length === 0;
}

try {
  const packages = lockedPackages(parseYaml(readText("pnpm-lock.yaml")) as Lockfile);
  const workspace = parseYaml(readText("pnpm-workspace.yaml")) as Workspace;
  const advisories = validateAdvisories(readJson("scripts/supply-chain/advisories.json"));
  const exceptions = validateLicenceExceptions(readJson("scripts/supply-chain/licence-exceptions.json"));

  const passed = [
    checkAdvisories(packages, advisories),
    checkDirectPins(workspace, advisories),
    checkLicences(packages, exceptions),
  ].every(Boolean);
  if (!passed) {
    console.error("supply chain check failed");
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`supply chain check could not run: ${(error as Error).message}`);
  process.exitCode = 1;
}
