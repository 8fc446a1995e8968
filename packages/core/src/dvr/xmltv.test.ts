import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createChannelMatcher } from "./xmltv-channels.ts";
import {
  normalizeTitle,
  parseXmltv,
  parseXmltvNs,
  parseXmltvTime,
  readXmltvDocument,
  XmltvError,
  type XmltvOptions,
} from "./xmltv.ts";

const identity: XmltvOptions = { channelMap: (id) => id };

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tv SYSTEM "xmltv.dtd">
<tv generator-info-name="test">${body}</tv>`;

const programme = (attrs: string, inner = "<title>Show</title>") => `<programme ${attrs}>${inner}</programme>`;

describe("parseXmltvTime", () => {
  it("reads the offset as part of the instant", () => {
    expect(parseXmltvTime("20261203180000 +0000")).toEqual(new Date("2026-12-03T18:00:00Z"));
    expect(parseXmltvTime("20261203180000 -0500")).toEqual(new Date("2026-12-03T23:00:00Z"));
    expect(parseXmltvTime("20261203180000+0530")).toEqual(new Date("2026-12-03T12:30:00Z"));
    expect(parseXmltvTime("20261231233000 -0800")).toEqual(new Date("2027-01-01T07:30:00Z"));
  });

  it("takes a time without an offset as UTC, and seconds as optional", () => {
    expect(parseXmltvTime("20261203180000")).toEqual(new Date("2026-12-03T18:00:00Z"));
    expect(parseXmltvTime("202612031830")).toEqual(new Date("2026-12-03T18:30:00Z"));
    expect(parseXmltvTime("202612031830 -0100")).toEqual(new Date("2026-12-03T19:30:00Z"));
    expect(parseXmltvTime(" 20261203183015 ")).toEqual(new Date("2026-12-03T18:30:15Z"));
  });

  it("refuses what is not a time", () => {
    for (const bad of [
      "",
      "2026120318",
      "20260231180000",
      "20261203250000",
      "20261203186000",
      "tomorrow",
      "20261203180000 EST",
      "20261203180000 +05",
    ]) {
      expect(parseXmltvTime(bad), bad).toBeNull();
    }
  });
});

describe("parseXmltvNs", () => {
  it("turns zero-based season.episode.part into 1-based numbers", () => {
    expect(parseXmltvNs("2.9.")).toEqual({ season: 3, episode: 10 });
    expect(parseXmltvNs("0.0.0/1")).toEqual({ season: 1, episode: 1 });
    expect(parseXmltvNs(" 1 . 4/22 . ")).toEqual({ season: 2, episode: 5 });
    expect(parseXmltvNs("3/5.11/13.")).toEqual({ season: 4, episode: 12 });
  });

  it("leaves out the parts that are missing", () => {
    expect(parseXmltvNs(".4.")).toEqual({ season: null, episode: 5 });
    expect(parseXmltvNs("1..")).toEqual({ season: 2, episode: null });
    expect(parseXmltvNs("S01E02")).toEqual({ season: null, episode: null });
  });
});

describe("normalizeTitle", () => {
  it("keeps letters and digits, folds accents, and joins the rest with single dashes", () => {
    expect(normalizeTitle("Cocina Fácil!")).toBe("cocina-facil");
    expect(normalizeTitle("  The -- Late   Show (2015) ")).toBe("the-late-show-2015");
  });
});

describe("parseXmltv", () => {
  it("maps a full programme", () => {
    const { programs, channels, problems, unmapped } = parseXmltv(
      doc(`
        <channel id="espn.us"><display-name>504 ESPN</display-name><display-name>ESPN</display-name></channel>
        <programme start="20261203180000 +0000" stop="20261203190000 +0000" channel="espn.us">
          <title lang="en">SportsCenter &amp; More</title>
          <sub-title lang="en">Caf&#233; Night</sub-title>
          <desc lang="en">Highlights.</desc>
          <category lang="en">Sports</category><category lang="en">News</category>
          <episode-num system="xmltv_ns">2.9.</episode-num>
          <episode-num system="dd_progid">EP01234567.0012</episode-num>
          <previously-shown start="20240101"/>
          <date>20230315</date>
        </programme>`),
      { channelMap: (id, names) => (id === "espn.us" && names.includes("ESPN") ? "ch-espn" : null) },
    );
    expect(problems).toEqual([]);
    expect(unmapped).toBe(0);
    expect(channels).toEqual([{ id: "espn.us", names: ["504 ESPN", "ESPN"] }]);
    expect(programs).toEqual([
      {
        channelId: "ch-espn",
        programRef: "EP01234567.0012",
        seriesRef: "SH01234567",
        season: 3,
        episode: 10,
        title: "SportsCenter & More",
        subtitle: "Café Night",
        description: "Highlights.",
        genre: "sports",
        startsAt: new Date("2026-12-03T18:00:00Z"),
        endsAt: new Date("2026-12-03T19:00:00Z"),
        isNew: false,
        originalAirDate: new Date("2024-01-01T00:00:00Z"),
      },
    ]);
  });

  it("uses dd_progid's series only for episodes and shows", () => {
    const { programs } = parseXmltv(
      doc(`
        ${programme('start="20261203180000" stop="20261203200000" channel="a"', '<title>Film</title><episode-num system="dd_progid">MV00012345.0000</episode-num>')}
        ${programme('start="20261203200000" stop="20261203210000" channel="a"', '<title>Show</title><episode-num system="dd_progid">SH00054321.0000</episode-num>')}`),
      identity,
    );
    expect(programs.map((p) => [p.programRef, p.seriesRef])).toEqual([
      ["MV00012345.0000", null],
      ["SH00054321.0000", "SH00054321"],
    ]);
  });

  it("builds refs from the title and xmltv_ns without dd_progid, else from a content hash", () => {
    const { programs } = parseXmltv(
      doc(`
        ${programme('start="20261203180000" stop="20261203183000" channel="a"', '<title>Cocina Fácil</title><episode-num system="xmltv_ns">0.4.</episode-num>')}
        ${programme('start="20261203183000" stop="20261203190000" channel="a"', '<title>Cocina Fácil</title><episode-num system="xmltv_ns">.4.</episode-num>')}
        ${programme('start="20261203190000" stop="20261203200000" channel="b"', "<title>News</title><sub-title>Late</sub-title><desc>Today.</desc>")}`),
      identity,
    );
    expect(programs[0]).toMatchObject({
      programRef: "xmltv:cocina-facil:S1E5",
      seriesRef: "xmltv:cocina-facil",
      season: 1,
      episode: 5,
    });
    const hash = createHash("sha1").update("Cocina Fácil||").digest("hex").slice(0, 16);
    expect(programs[1]).toMatchObject({ programRef: hash, seriesRef: null, season: null, episode: 5 });
    const news = createHash("sha1").update("News|Late|Today.").digest("hex").slice(0, 16);
    expect(programs[2]).toMatchObject({ programRef: news, seriesRef: null, channelId: "b" });
  });

  it("ends a programme without a stop where the next one on its channel starts, and drops the last", () => {
    const { programs, problems } = parseXmltv(
      doc(`
        ${programme('start="20261203190000 +0000" channel="a"', "<title>Second</title>")}
        ${programme('start="20261203180000 +0000" channel="a"', "<title>First</title>")}
        ${programme('start="20261203183000 +0000" channel="b"', "<title>Other channel</title>")}
        ${programme('start="20261203200000 +0000" channel="a"', "<title>Last</title>")}`),
      identity,
    );
    const a = programs.filter((p) => p.channelId === "a");
    expect(a.map((p) => [p.title, p.startsAt.toISOString(), p.endsAt.toISOString()])).toEqual([
      ["First", "2026-12-03T18:00:00.000Z", "2026-12-03T19:00:00.000Z"],
      ["Second", "2026-12-03T19:00:00.000Z", "2026-12-03T20:00:00.000Z"],
    ]);
    expect(programs.some((p) => p.channelId === "b")).toBe(false);
    expect(problems).toEqual([
      { index: 2, reason: "no stop time and no later programme on its channel" },
      { index: 3, reason: "no stop time and no later programme on its channel" },
    ]);
  });

  it("prefers the title and description in the preferred language, else the first", () => {
    const body = programme(
      'start="20261203180000" stop="20261203190000" channel="a"',
      `<title lang="fr">Le Journal</title><title lang="en">The News</title><title lang="de">Die Nachrichten</title>
       <desc lang="fr">Les nouvelles.</desc><desc lang="en">The news.</desc>`,
    );
    expect(parseXmltv(doc(body), identity).programs[0]).toMatchObject({ title: "The News", description: "The news." });
    expect(parseXmltv(doc(body), { ...identity, preferredLang: "de" }).programs[0]).toMatchObject({
      title: "Die Nachrichten",
      description: "Les nouvelles.",
    });
    expect(parseXmltv(doc(body), { ...identity, preferredLang: "es" }).programs[0]?.title).toBe("Le Journal");
  });

  it("marks only <new/> as new, and reads the original air date", () => {
    const { programs } = parseXmltv(
      doc(`
        ${programme('start="20261203180000" stop="20261203190000" channel="a"', "<title>Fresh</title><new/><date>20261203</date>")}
        ${programme('start="20261203190000" stop="20261203200000" channel="a"', '<title>Rerun</title><previously-shown start="20250704120000 +0000"/><date>20250704</date>')}
        ${programme('start="20261203200000" stop="20261203210000" channel="a"', "<title>Movie</title><date>1999</date>")}
        ${programme('start="20261203210000" stop="20261203220000" channel="a"', "<title>Unknown</title><date>20260231</date>")}`),
      identity,
    );
    expect(programs.map((p) => [p.title, p.isNew, p.originalAirDate?.toISOString() ?? null])).toEqual([
      ["Fresh", true, "2026-12-03T00:00:00.000Z"],
      ["Rerun", false, "2025-07-04T00:00:00.000Z"],
      ["Movie", false, null],
      ["Unknown", false, null],
    ]);
  });

  it("counts programmes on unmapped channels and leaves them out, asking once per channel", () => {
    const asked: string[] = [];
    const { programs, unmapped, problems } = parseXmltv(
      doc(`
        <channel id="kept"><display-name>Kept</display-name></channel>
        <channel id="gone"><display-name>Gone</display-name></channel>
        ${programme('start="20261203180000" stop="20261203190000" channel="kept"')}
        ${programme('start="20261203180000" stop="20261203190000" channel="gone"')}
        ${programme('start="20261203190000" stop="20261203200000" channel="gone"')}
        ${programme('start="20261203190000" stop="20261203200000" channel="undeclared"')}`),
      {
        channelMap: (id, names) => {
          asked.push(`${id}:${names.join(",")}`);
          return id === "kept" ? "ch-kept" : null;
        },
      },
    );
    expect(programs.map((p) => p.channelId)).toEqual(["ch-kept"]);
    expect(unmapped).toBe(3);
    expect(problems).toEqual([]);
    expect(asked).toEqual(["kept:Kept", "gone:Gone", "undeclared:"]);
  });

  it("reports malformed programmes with a reason and keeps the rest", () => {
    const { programs, problems } = parseXmltv(
      doc(`
        ${programme('start="20261203180000" stop="20261203190000" channel="a"', "<title>Good</title>")}
        ${programme('start="20261203190000" stop="20261203200000"')}
        ${programme('stop="20261203200000" channel="a"')}
        ${programme('start="2026-12-03 19:00" stop="20261203200000" channel="a"')}
        ${programme('start="20261203190000" stop="soon" channel="a"')}
        ${programme('start="20261203190000" stop="20261203190000" channel="a"')}
        ${programme('start="20261203190000" stop="20261203200000" channel="a"', "<title>  </title><desc>No title</desc>")}
        ${programme('start="20261203180000 +0000" stop="20261203183000" channel="a"', "<title>Clash</title>")}
        <programme/>`),
      identity,
    );
    expect(programs.map((p) => p.title)).toEqual(["Good"]);
    expect(problems).toEqual([
      { index: 1, reason: "missing channel" },
      { index: 2, reason: "missing start" },
      { index: 3, reason: 'bad start time "2026-12-03 19:00"' },
      { index: 4, reason: 'bad stop time "soon"' },
      { index: 5, reason: "stop 20261203190000 is not after start 20261203190000" },
      { index: 6, reason: "missing title" },
      { index: 7, reason: "same start as programme 0 on its channel" },
      { index: 8, reason: "empty programme element" },
    ]);
  });

  it("rejects what is not XMLTV, or not well-formed", () => {
    const code = (input: string) => {
      try {
        parseXmltv(input, identity);
        return "parsed";
      } catch (error) {
        expect(error).toBeInstanceOf(XmltvError);
        return `${(error as XmltvError).code}: ${(error as XmltvError).message}`;
      }
    };
    expect(code('{"tv": []}')).toBe("NOT_XMLTV: Not an XMLTV document: the input is not XML");
    expect(code("")).toBe("NOT_XMLTV: Not an XMLTV document: the input is not XML");
    expect(code("<html><body/></html>")).toBe("NOT_XMLTV: Not an XMLTV document: the root element is <html>, not <tv>");
    expect(code(doc(programme('start="20261203180000" channel="a"')).slice(0, -20))).toMatch(
      /^MALFORMED_XML: Not well-formed XML at line 3/,
    );
    expect(code("<tv/>")).toBe("parsed");
  });

  it("checks a document once and maps it later, as from the string", () => {
    expect(() => readXmltvDocument("<html/>")).toThrow(XmltvError);
    const xml = doc(programme('start="20261203180000" stop="20261203190000" channel="a"'));
    expect(parseXmltv(readXmltvDocument(xml), identity)).toEqual(parseXmltv(xml, identity));
  });

  it("keeps the right instants across the end of daylight saving time", () => {
    // November 1, 2026 in Los Angeles: 01:00-01:59 happens twice, first at -0700, then at -0800.
    const { programs, problems } = parseXmltv(
      doc(`
        ${programme('start="20261101003000 -0700" stop="20261101010000 -0700" channel="a"', "<title>A</title>")}
        ${programme('start="20261101010000 -0700" channel="a"', "<title>B</title>")}
        ${programme('start="20261101010000 -0800" stop="20261101013000 -0800" channel="a"', "<title>C</title>")}
        ${programme('start="20261101013000 -0800" stop="20261101020000 -0800" channel="a"', "<title>D</title>")}`),
      identity,
    );
    expect(problems).toEqual([]);
    expect(programs.map((p) => [p.title, p.startsAt.toISOString(), p.endsAt.toISOString()])).toEqual([
      ["A", "2026-11-01T07:30:00.000Z", "2026-11-01T08:00:00.000Z"],
      ["B", "2026-11-01T08:00:00.000Z", "2026-11-01T09:00:00.000Z"],
      ["C", "2026-11-01T09:00:00.000Z", "2026-11-01T09:30:00.000Z"],
      ["D", "2026-11-01T09:30:00.000Z", "2026-11-01T10:00:00.000Z"],
    ]);
  });
});

describe("createChannelMatcher", () => {
  const match = createChannelMatcher([
    { id: "espn", number: 206, name: "ESPN", callSign: "ESPN" },
    { id: "espn-hd", number: 504, name: "ESPN HD", callSign: "ESPN" },
    { id: "kabc", number: 7, name: "ABC 7 Los Angeles", callSign: "KABC" },
    { id: "food", number: 231, name: "Food Network", callSign: "FOOD" },
  ]);

  it("matches the XMLTV id, a call sign or a name, ignoring case and spacing", () => {
    expect(match("kabc", [])).toBe("kabc");
    expect(match("I10179.json.schedulesdirect.org", ["kabc"])).toBe("kabc");
    expect(match("x", ["abc 7  los angeles"])).toBe("kabc");
    expect(match("x", ["Food Network"])).toBe("food");
  });

  it("lets a number settle a call sign shared by two channels", () => {
    expect(match("x", ["ESPN", "504 ESPN"])).toBe("espn-hd");
    expect(match("x", ["206", "ESPN"])).toBe("espn");
    expect(match("x", ["ESPN HD"])).toBe("espn-hd");
    expect(match("x", ["ESPN"])).toBeNull();
  });

  it("falls back to the leading channel number of a display-name", () => {
    expect(match("x", ["231 Cooking", "Cooking"])).toBe("food");
    expect(match("x", ["7"])).toBe("kabc");
    expect(match("x", ["7.1 KXYZ"])).toBeNull();
    expect(match("x", ["999 Nothing"])).toBeNull();
  });
});
