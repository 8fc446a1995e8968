import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { GuideProgram } from "./import-guide.ts";

/**
 * Reads a program guide in XMLTV format (the DTD at github.com/XMLTV/xmltv, as grabbers and
 * Schedules Direct produce it) into the importer's `GuideProgram`s. Pure: the caller reads the
 * file, maps the feed's channels to ours and hands the result to `importGuide`.
 *
 * Field rules, where XMLTV leaves a choice:
 * - programRef: the `dd_progid` episode-num when present (Gracenote's id, shared by repeats), else
 *   `${seriesRef}:S${season}E${episode}` when xmltv_ns gives both, else a hash of title, sub-title
 *   and description, so the same airing re-read from a later file keeps its ref.
 * - isNew: only `<new/>` says so; a programme with neither `<new/>` nor `<previously-shown>` is
 *   counted as a repeat, because guessing from `<date>` marks every old movie as new.
 * - Text elements (title, sub-title, desc, category) come in the `preferredLang` when the feed
 *   offers it, else the first one, so title and description agree on a language.
 */

export interface XmltvChannel {
  id: string;
  names: string[];
}

export interface XmltvProblem {
  /** The programme's position among the document's `<programme>` elements, from 0. */
  index: number;
  reason: string;
}

export interface XmltvResult {
  programs: GuideProgram[];
  channels: XmltvChannel[];
  problems: XmltvProblem[];
  /** Programmes left out because their channel maps to none of ours. */
  unmapped: number;
}

export interface XmltvOptions {
  /** Our Channel.id for a feed channel, or null to leave its programmes out. Called once per channel. */
  channelMap: (xmltvChannelId: string, displayNames: string[]) => string | null;
  /** Language of the titles and descriptions to keep when the feed has several (default "en"). */
  preferredLang?: string;
}

export type XmltvErrorCode = "NOT_XMLTV" | "MALFORMED_XML";

export class XmltvError extends Error {
  readonly code: XmltvErrorCode;
  constructor(code: XmltvErrorCode, message: string) {
    super(message);
    this.name = "XmltvError";
    this.code = code;
  }
}

const REPEATED = new Set([
  "channel",
  "display-name",
  "programme",
  "title",
  "sub-title",
  "desc",
  "category",
  "episode-num",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Titles such as "24" or "1883" and dates such as "20240315" must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
  // Without it numeric character references (&#233;), which grabbers emit for accents, stay
  // undecoded; it adds no DOCTYPE entity handling, and the default expansion limits still apply.
  htmlEntities: true,
});

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** A document that passed the checks `parseXmltv` makes before mapping anything. */
export interface XmltvDocument {
  readonly tv: Readonly<Record<string, unknown>>;
}

/**
 * The checks of `parseXmltv` alone, for a caller that wants a wrong file refused before it opens
 * a database to look up channels; pass the result to `parseXmltv` to parse only once.
 */
export function readXmltvDocument(xml: string): XmltvDocument {
  return { tv: parseDocument(xml) };
}

function parseDocument(xml: string): Node {
  // The parser itself is lenient: a file cut off mid-download parses into fewer programmes, and
  // importing that would wipe the rest of the range. Only a well-formed document gets through.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const looksLikeXml = xml.trimStart().startsWith("<");
    throw new XmltvError(
      looksLikeXml ? "MALFORMED_XML" : "NOT_XMLTV",
      looksLikeXml
        ? `Not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`
        : "Not an XMLTV document: the input is not XML",
    );
  }
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc) || !("tv" in doc)) {
    const root = isNode(doc) ? Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#")) : undefined;
    throw new XmltvError(
      "NOT_XMLTV",
      `Not an XMLTV document: the root element is ${root ? `<${root}>` : "missing"}, not <tv>`,
    );
  }
  // `<tv/>` and `<tv></tv>` parse to an empty string.
  return isNode(doc.tv) ? doc.tv : {};
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (isNode(value) && typeof value["#text"] === "string") return value["#text"].trim() || null;
  return null;
}

const attr = (node: unknown, name: string): string | null => {
  if (!isNode(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value.trim() || null : null;
};

/** The element's text in `lang` when one has it, else the first non-empty one. */
function pickLang(value: unknown, lang: string): string | null {
  const items = list(value);
  const preferred = items.find((item) => attr(item, "lang")?.toLowerCase() === lang && textOf(item) !== null);
  if (preferred !== undefined) return textOf(preferred);
  for (const item of items) {
    const text = textOf(item);
    if (text !== null) return text;
  }
  return null;
}

const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\s*([+-])(\d{2})(\d{2}))?$/;

/**
 * An XMLTV time, `YYYYMMDDhhmm[ss] [±hhmm]`, as an instant; without an offset it is UTC. Null
 * when it is not one, including impossible dates such as 20260231.
 */
export function parseXmltvTime(value: string): Date | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "00", sign, oh = "00", om = "00"] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59 || Number(om) > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === "-" ? -1 : 1);
  return new Date(local - offsetMs);
}

/** A full `YYYYMMDD` (anything after it, such as a time, is ignored) as UTC midnight, else null. */
export function parseXmltvDate(value: string | null): Date | null {
  const m = value === null ? null : /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(value.trim());
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` ? null : date;
}

/** Season and episode, 1-based, from xmltv_ns's zero-based `season.episode.part` ("a/b" is a of b). */
export function parseXmltvNs(value: string): { season: number | null; episode: number | null } {
  const parts = value.replace(/\s+/g, "").split(".");
  const number = (part: string | undefined) => {
    const n = part?.split("/")[0];
    return n && /^\d+$/.test(n) ? Number(n) + 1 : null;
  };
  return parts.length < 2 ? { season: null, episode: null } : { season: number(parts[0]), episode: number(parts[1]) };
}

/** Lower case, letters and digits in any script, single dashes: "Cocina Fácil!" → "cocina-facil". */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

const sha16 = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 16);

interface Draft {
  index: number;
  channel: string;
  start: Date;
  stop: Date | null;
  node: Node;
}

/** Parses an XMLTV document; see the module comment for how fields map. Throws only `XmltvError`. */
export function parseXmltv(xml: string | XmltvDocument, options: XmltvOptions): XmltvResult {
  const lang = (options.preferredLang ?? "en").toLowerCase();
  const tv = typeof xml === "string" ? parseDocument(xml) : xml.tv;

  const channels: XmltvChannel[] = [];
  const namesById = new Map<string, string[]>();
  for (const node of list(tv.channel)) {
    const id = attr(node, "id");
    if (id === null || namesById.has(id)) continue;
    const names = isNode(node) ? list(node["display-name"]).flatMap((n) => textOf(n) ?? []) : [];
    channels.push({ id, names });
    namesById.set(id, names);
  }
  const mapped = new Map<string, string | null>();
  const mapChannel = (id: string) => {
    if (!mapped.has(id)) mapped.set(id, options.channelMap(id, namesById.get(id) ?? []));
    return mapped.get(id) ?? null;
  };

  const problems: XmltvProblem[] = [];
  let unmapped = 0;
  const drafts: Draft[] = [];
  list(tv.programme).forEach((node, index) => {
    const problem = (reason: string) => problems.push({ index, reason });
    if (!isNode(node)) return problem("empty programme element");
    const channel = attr(node, "channel");
    if (channel === null) return problem("missing channel");
    const channelId = mapChannel(channel);
    if (channelId === null) {
      unmapped += 1;
      return;
    }
    const startText = attr(node, "start");
    if (startText === null) return problem("missing start");
    const start = parseXmltvTime(startText);
    if (start === null) return problem(`bad start time "${startText}"`);
    const stopText = attr(node, "stop");
    const stop = stopText === null ? null : parseXmltvTime(stopText);
    if (stopText !== null && stop === null) return problem(`bad stop time "${stopText}"`);
    if (stop !== null && stop <= start) return problem(`stop ${stopText} is not after start ${startText}`);
    if (pickLang(node.title, lang) === null) return problem("missing title");
    drafts.push({ index, channel: channelId, start, stop, node });
  });

  // A programme without a stop runs until the next one on its channel starts.
  const byChannel = new Map<string, Draft[]>();
  for (const draft of drafts) {
    const airings = byChannel.get(draft.channel);
    if (airings) airings.push(draft);
    else byChannel.set(draft.channel, [draft]);
  }
  const programs: GuideProgram[] = [];
  for (const [channelId, airings] of byChannel) {
    airings.sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index);
    airings.forEach((draft, i) => {
      if (i > 0 && airings[i - 1]!.start.getTime() === draft.start.getTime()) {
        // The importer keeps one airing per channel and start; say which one lost.
        problems.push({
          index: draft.index,
          reason: `same start as programme ${airings[i - 1]!.index} on its channel`,
        });
        return;
      }
      let next = i + 1;
      while (next < airings.length && airings[next]!.start.getTime() === draft.start.getTime()) next += 1;
      const endsAt = draft.stop ?? airings[next]?.start ?? null;
      if (endsAt === null) {
        problems.push({ index: draft.index, reason: "no stop time and no later programme on its channel" });
        return;
      }
      programs.push(toGuideProgram(draft, channelId, endsAt, lang));
    });
  }
  programs.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.channelId.localeCompare(b.channelId));
  problems.sort((a, b) => a.index - b.index);
  return { programs, channels, problems, unmapped };
}

function toGuideProgram(draft: Draft, channelId: string, endsAt: Date, lang: string): GuideProgram {
  const { node } = draft;
  const title = pickLang(node.title, lang)!;
  const subtitle = pickLang(node["sub-title"], lang);
  const description = pickLang(node.desc, lang);
  const genre = pickLang(node.category, lang)?.toLowerCase() ?? null;

  const episodeNum = (system: string) =>
    list(node["episode-num"]).find((e) => attr(e, "system")?.toLowerCase() === system && textOf(e) !== null);
  const ns = episodeNum("xmltv_ns");
  const { season, episode } = ns === undefined ? { season: null, episode: null } : parseXmltvNs(textOf(ns)!);
  const progid = episodeNum("dd_progid");
  const ddProgid = progid === undefined ? null : textOf(progid)!;

  // An episode (EP) and its show (SH) share the digits: both are the same series.
  const ddDigits = ddProgid === null ? null : (/^(?:EP|SH)(\d+)\.\d+$/i.exec(ddProgid)?.[1] ?? null);
  const ddSeries = ddDigits === null ? null : `SH${ddDigits}`;
  const slug = normalizeTitle(title) || sha16(title);
  const seriesRef = ddSeries ?? (season !== null && episode !== null ? `xmltv:${slug}` : null);
  const programRef =
    ddProgid ??
    (seriesRef !== null && season !== null && episode !== null
      ? `${seriesRef}:S${season}E${episode}`
      : sha16(`${title}|${subtitle ?? ""}|${description ?? ""}`));

  const previously = list(node["previously-shown"])[0];
  const originalAirDate = parseXmltvDate(attr(previously, "start")) ?? parseXmltvDate(textOf(list(node.date)[0]));

  return {
    channelId,
    programRef,
    seriesRef,
    season,
    episode,
    title,
    subtitle,
    description,
    genre,
    startsAt: draft.start,
    endsAt,
    isNew: "new" in node,
    originalAirDate,
  };
}
