import { planningWorkload } from "../testing/dvr-workload.ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { airingEpisodeKey, episodeKeyOf, isGenericProgramRef, planRecordings } from "./schedule.ts";
import type {
  GuideAiring,
  LibraryRecording,
  PlannedRecording,
  ScheduleInput,
  SchedulePlan,
  ScheduleRule,
} from "./schedule-types.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Monday 2026-11-23 18:00 in New York (23:00 UTC). */
const T0 = Date.parse("2026-11-23T23:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const NOW = at(-60);

function airing(id: string, startMin: number, lengthMin: number, extra: Partial<GuideAiring> = {}): GuideAiring {
  return {
    id,
    channelId: "ch-7",
    channelNumber: 7,
    programRef: `EP-${id}`,
    seriesRef: null,
    season: null,
    episode: null,
    title: `Show ${id}`,
    subtitle: null,
    description: null,
    startsAt: at(startMin),
    endsAt: at(startMin + lengthMin),
    isNew: false,
    hd: true,
    recordable: true,
    ...extra,
  };
}

function rule(id: string, extra: Partial<ScheduleRule> = {}): ScheduleRule {
  return {
    id,
    kind: "SERIES",
    programId: null,
    seriesRef: null,
    title: "",
    channelId: null,
    newOnly: false,
    keepLatest: null,
    keep: "SPACE_NEEDED",
    paddingBeforeMin: 0,
    paddingAfterMin: 0,
    priority: 1,
    createdAt: at(-10_000),
    ...extra,
  };
}

const single = (id: string, programId: string, extra: Partial<ScheduleRule> = {}) =>
  rule(id, { kind: "SINGLE", programId, ...extra });

function recording(id: string, startMin: number, lengthMin: number, extra: Partial<LibraryRecording> = {}) {
  const value: LibraryRecording = {
    id,
    ruleId: null,
    programId: null,
    programRef: `EP-lib-${id}`,
    seriesRef: null,
    title: "Old",
    subtitle: null,
    description: null,
    startsAt: at(startMin),
    endsAt: at(startMin + lengthMin),
    status: "COMPLETED",
    protected: false,
    keep: "SPACE_NEEDED",
    ...extra,
  };
  return value;
}

function plan(partial: Partial<ScheduleInput>): SchedulePlan {
  return planRecordings({
    now: NOW,
    rules: [],
    guide: [],
    library: [],
    capacity: { streams: 2, storageHours: 1000 },
    ...partial,
  });
}

function itemOf(p: SchedulePlan, ruleId: string, airingId: string): PlannedRecording {
  const found = p.items.find((i) => i.ruleId === ruleId && i.airing.id === airingId);
  if (!found) throw new Error(`no item ${ruleId}/${airingId}`);
  return found;
}

const statusOf = (p: SchedulePlan, ruleId: string, airingId: string) => itemOf(p, ruleId, airingId).status;
const windowOf = (p: SchedulePlan, ruleId: string, airingId: string) => {
  const item = itemOf(p, ruleId, airingId);
  return [item.startsAt.toISOString(), item.endsAt.toISOString()];
};

describe("episode identity", () => {
  it("uses the guide's program id, or subtitle and description when the id is generic", () => {
    const base = { seriesRef: "SH1", title: "Chefs", subtitle: "Pies", description: "Round one." };
    expect(episodeKeyOf({ ...base, programRef: "EP00001.0005" })).toBe("p:EP00001.0005");
    expect(isGenericProgramRef("SH00001234", "SH1")).toBe(true);
    expect(isGenericProgramRef("EP00001234.0000", null)).toBe(true);
    expect(isGenericProgramRef("SH1", "SH1")).toBe(true);
    expect(isGenericProgramRef("", null)).toBe(true);
    expect(episodeKeyOf({ ...base, programRef: "SH1" })).toBe(
      episodeKeyOf({ ...base, programRef: "", subtitle: " pies ", description: "round  ONE." }),
    );
    expect(episodeKeyOf({ ...base, programRef: "", description: "" })).toBeNull();
    // Without either, every airing is its own episode.
    expect(airingEpisodeKey(airing("a1", 0, 30, { programRef: "" }))).toBe("a:a1");
  });
});

describe("expanding rules", () => {
  const guide = [
    airing("new-7", 0, 60, { seriesRef: "S", isNew: true, programRef: "E1" }),
    airing("rerun-7", 120, 60, { seriesRef: "S", programRef: "E0" }),
    airing("new-9", 240, 60, { seriesRef: "S", isNew: true, programRef: "E2", channelId: "ch-9", channelNumber: 9 }),
    airing("other", 0, 60, { seriesRef: "T", programRef: "X1", channelId: "ch-9", channelNumber: 9 }),
    airing("titled", 300, 30, { title: "The News", programRef: "N1" }),
    airing("ended", -200, 60, { seriesRef: "S", programRef: "E-1" }),
  ];

  it("follows a series on any channel, or on one channel, new episodes only or all", () => {
    const p = plan({
      guide,
      rules: [
        rule("any", { seriesRef: "S" }),
        rule("one", { seriesRef: "S", channelId: "ch-9", priority: 2 }),
        rule("new", { seriesRef: "S", newOnly: true, priority: 3 }),
      ],
    });
    const airingsOf = (ruleId: string) => p.items.filter((i) => i.ruleId === ruleId).map((i) => i.airing.id);
    expect(airingsOf("any")).toEqual(["new-7", "rerun-7", "new-9"]);
    expect(airingsOf("one")).toEqual(["new-9"]);
    expect(airingsOf("new")).toEqual(["new-7", "new-9"]);
    // The ended airing is not a candidate, and each episode is recorded once, by the first rule.
    expect(statusOf(p, "any", "new-9")).toBe("WILL_RECORD");
    expect(itemOf(p, "one", "new-9")).toMatchObject({ status: "DUPLICATE", duplicateOf: { airingId: "new-9" } });
  });

  it("matches a series without an id by title, case-insensitively, and a single airing by id", () => {
    const p = plan({
      guide,
      rules: [rule("news", { title: "  the NEWS " }), single("one", "other"), single("gone", "ended")],
    });
    expect(p.items.map((i) => [i.ruleId, i.airing.id, i.status])).toEqual([
      ["one", "other", "WILL_RECORD"],
      ["news", "titled", "WILL_RECORD"],
    ]);
  });

  it("does not record on channels the network keeps out of the cloud DVR", () => {
    const p = plan({
      guide: [airing("blocked", 0, 60, { recordable: false, seriesRef: "S", programRef: "E1" })],
      rules: [rule("s", { seriesRef: "S" })],
    });
    expect(statusOf(p, "s", "blocked")).toBe("NOT_ALLOWED");
  });
});

describe("duplicates", () => {
  it("skips episodes already in the library for a series, but not for an airing asked for explicitly", () => {
    const guide = [airing("a", 0, 60, { seriesRef: "S", programRef: "E1" })];
    const library = [recording("done", -5000, 60, { programRef: "E1", seriesRef: "S" })];
    const series = plan({ guide, library, rules: [rule("s", { seriesRef: "S" })] });
    expect(itemOf(series, "s", "a")).toMatchObject({ status: "DUPLICATE", duplicateOf: { recordingId: "done" } });
    const explicit = plan({ guide, library, rules: [single("one", "a")] });
    expect(statusOf(explicit, "one", "a")).toBe("WILL_RECORD");
  });

  it("matches generic guide ids on subtitle and description", () => {
    const generic = { seriesRef: "S", programRef: "SH0001", subtitle: "Pies", description: "Round one." };
    const guide = [airing("a", 0, 60, generic), airing("b", 120, 60, { ...generic, description: "Round two." })];
    const library = [recording("done", -5000, 60, { ...generic, title: "Show a" })];
    const p = plan({ guide, library, rules: [rule("s", { seriesRef: "S" })] });
    expect(itemOf(p, "s", "a").duplicateOf).toEqual({ recordingId: "done" });
    expect(statusOf(p, "s", "b")).toBe("WILL_RECORD");
  });

  it("records one airing of an episode: new before repeat, then HD, then the earliest", () => {
    const ep = { seriesRef: "S", programRef: "E1" };
    const guide = [
      airing("early-sd-repeat", 0, 60, { ...ep, hd: false }),
      airing("sd-new", 120, 60, { ...ep, hd: false, isNew: true }),
      airing("hd-new", 240, 60, { ...ep, isNew: true }),
      airing("hd-new-later", 360, 60, { ...ep, isNew: true }),
    ];
    const p = plan({ guide, rules: [rule("s", { seriesRef: "S" })] });
    expect(p.items.filter((i) => i.status === "WILL_RECORD").map((i) => i.airing.id)).toEqual(["hd-new"]);
    for (const other of ["early-sd-repeat", "sd-new", "hd-new-later"]) {
      expect(itemOf(p, "s", other).duplicateOf).toEqual({ airingId: "hd-new" });
    }
  });

  it("never records an episode twice, even for two rules", () => {
    const guide = [airing("a", 0, 60, { seriesRef: "S", programRef: "E1" })];
    const p = plan({ guide, rules: [rule("s", { seriesRef: "S" }), single("one", "a", { priority: 2 })] });
    expect(statusOf(p, "s", "a")).toBe("WILL_RECORD");
    expect(itemOf(p, "one", "a")).toMatchObject({ status: "DUPLICATE", duplicateOf: { airingId: "a" } });
  });
});

describe("streams and priority", () => {
  it("gives the streams to the higher priority, and a single airing before a series at equal priority", () => {
    const guide = [
      airing("x", 0, 60, { seriesRef: "X", channelId: "c1", channelNumber: 1 }),
      airing("y", 0, 60, { seriesRef: "Y", channelId: "c2", channelNumber: 2 }),
      airing("z", 30, 60, { seriesRef: "Z", channelId: "c3", channelNumber: 3 }),
    ];
    const p = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rule("low", { seriesRef: "X", priority: 2 }), rule("high", { seriesRef: "Z", priority: 1 })],
    });
    expect(statusOf(p, "high", "z")).toBe("WILL_RECORD");
    expect(itemOf(p, "low", "x")).toMatchObject({
      status: "CONFLICT",
      conflict: {
        reason: "TOO_MANY_AT_ONCE",
        blockingRuleIds: ["high"],
        blockingAirings: [{ ruleId: "high", airingId: "z" }],
        otherAirings: [],
      },
    });

    const tie = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rule("series", { seriesRef: "X" }), single("single", "y")],
    });
    expect(statusOf(tie, "single", "y")).toBe("WILL_RECORD");
    expect(statusOf(tie, "series", "x")).toBe("CONFLICT");
  });

  it("clips padding on back-to-back recordings instead of dropping one, never the program", () => {
    const guide = [
      airing("first", 0, 60, { seriesRef: "A", channelId: "c1", channelNumber: 1 }),
      airing("second", 60, 60, { seriesRef: "B", channelId: "c2", channelNumber: 2 }),
    ];
    const padded = { paddingBeforeMin: 5, paddingAfterMin: 10 };
    const p = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rule("a", { seriesRef: "A", ...padded }), rule("b", { seriesRef: "B", ...padded, priority: 2 })],
    });
    expect(statusOf(p, "a", "first")).toBe("WILL_RECORD");
    expect(statusOf(p, "b", "second")).toBe("WILL_RECORD");
    expect(windowOf(p, "a", "first")).toEqual([at(-5).toISOString(), at(60).toISOString()]);
    expect(windowOf(p, "b", "second")).toEqual([at(60).toISOString(), at(130).toISOString()]);

    // With two streams nothing needs clipping.
    const roomy = plan({
      guide,
      rules: [rule("a", { seriesRef: "A", ...padded }), rule("b", { seriesRef: "B", ...padded })],
    });
    expect(windowOf(roomy, "a", "first")).toEqual([at(-5).toISOString(), at(70).toISOString()]);
    expect(windowOf(roomy, "b", "second")).toEqual([at(55).toISOString(), at(130).toISOString()]);
  });

  it("leaves a skipped airing out, gives its stream to the conflict, and may record the episode elsewhere", () => {
    const guide = [
      airing("game", 0, 60, { seriesRef: "G", programRef: "G1", channelId: "c1", channelNumber: 1 }),
      airing("show", 0, 60, { seriesRef: "S", programRef: "S1", channelId: "c2", channelNumber: 2 }),
      airing("show-again", 600, 60, { seriesRef: "S", programRef: "S1", channelId: "c2", channelNumber: 2 }),
    ];
    const rules = [rule("game", { seriesRef: "G" }), rule("show", { seriesRef: "S", priority: 2 })];
    const before = plan({ guide, capacity: { streams: 1, storageHours: 100 }, rules });
    expect(statusOf(before, "show", "show-again")).toBe("WILL_RECORD");

    const skipped = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rules[0]!, { ...rules[1]!, skippedAiringIds: ["show-again"] }],
    });
    expect(statusOf(skipped, "show", "show-again")).toBe("SKIPPED");
    expect(itemOf(skipped, "show", "show")).toMatchObject({
      status: "CONFLICT",
      conflict: { blockingAirings: [{ ruleId: "game", airingId: "game" }] },
    });

    // Skipping the airing that blocks it lets the conflict record.
    const resolved = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [
        { ...rules[0]!, skippedAiringIds: ["game"] },
        { ...rules[1]!, skippedAiringIds: ["show-again"] },
      ],
    });
    expect(statusOf(resolved, "game", "game")).toBe("SKIPPED");
    expect(statusOf(resolved, "show", "show")).toBe("WILL_RECORD");
  });

  it("records another airing of the episode before declaring a conflict", () => {
    const guide = [
      airing("busy", 0, 60, { seriesRef: "B", channelId: "c1", channelNumber: 1 }),
      airing("ep-now", 0, 60, { seriesRef: "S", programRef: "E1", channelId: "c2", channelNumber: 2 }),
      airing("ep-later", 600, 60, { seriesRef: "S", programRef: "E1", channelId: "c3", channelNumber: 3 }),
      airing("ep-elsewhere", 300, 60, { seriesRef: "S", programRef: "E2", channelId: "c3", channelNumber: 3 }),
      airing("ep2-now", 300, 60, { seriesRef: "S", programRef: "E2", channelId: "c2", channelNumber: 2 }),
      airing("busy2", 300, 60, { seriesRef: "B", programRef: "B2", channelId: "c1", channelNumber: 1 }),
    ];
    const p = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rule("busy", { seriesRef: "B" }), rule("s", { seriesRef: "S", priority: 2, channelId: "c2" })],
    });
    // Any channel is allowed for E1? No: the rule is on c2 only, so E1 at c3 is not an alternative.
    expect(itemOf(p, "s", "ep-now")).toMatchObject({
      status: "CONFLICT",
      conflict: {
        reason: "TOO_MANY_AT_ONCE",
        blockingRuleIds: ["busy"],
        otherAirings: [{ airingId: "ep-later", fits: true }],
      },
    });

    const anyChannel = plan({
      guide,
      capacity: { streams: 1, storageHours: 100 },
      rules: [rule("busy", { seriesRef: "B" }), rule("s", { seriesRef: "S", priority: 2 })],
    });
    expect(statusOf(anyChannel, "s", "ep-later")).toBe("WILL_RECORD");
    expect(itemOf(anyChannel, "s", "ep-now")).toMatchObject({
      status: "DUPLICATE",
      duplicateOf: { airingId: "ep-later" },
    });
    // E2 has no free airing at all: both airings conflict, and each names the other.
    expect(itemOf(anyChannel, "s", "ep2-now").conflict?.otherAirings).toEqual([
      { airingId: "ep-elsewhere", fits: false },
    ]);
    expect(statusOf(anyChannel, "s", "ep-elsewhere")).toBe("CONFLICT");
  });

  it("never moves or cuts a recording in progress, and gives it its stream first", () => {
    const guide = [
      airing("on-air", -30, 60, { seriesRef: "L", programRef: "L1", channelId: "c1", channelNumber: 1 }),
      airing("wanted", 0, 60, { seriesRef: "H", programRef: "H1", channelId: "c2", channelNumber: 2 }),
    ];
    const library = [
      recording("rec", -35, 75, {
        status: "RECORDING",
        ruleId: "low",
        programId: "on-air",
        programRef: "L1",
        seriesRef: "L",
      }),
    ];
    const p = plan({
      guide,
      library,
      now: at(-10),
      capacity: { streams: 1, storageHours: 100 },
      rules: [
        rule("low", { seriesRef: "L", priority: 9 }),
        rule("high", { seriesRef: "H", priority: 1, paddingBeforeMin: 5 }),
      ],
    });
    expect(itemOf(p, "low", "on-air")).toMatchObject({ status: "RECORDING", startsAt: at(-35), endsAt: at(40) });
    expect(itemOf(p, "high", "wanted")).toMatchObject({
      status: "CONFLICT",
      conflict: { reason: "TOO_MANY_AT_ONCE", blockingRuleIds: ["low"] },
    });
    expect(p.autoDelete).toEqual([]);
  });

  it("treats a guide across the US fall-back change as plain instants", () => {
    // 2026-11-01: 01:00–02:00 EDT happens, then 01:00–02:00 EST. 05:00Z and 06:00Z are both "1:00 a.m.".
    const edt = new Date("2026-11-01T05:00:00Z");
    const est = new Date("2026-11-01T06:00:00Z");
    const guide: GuideAiring[] = [
      { ...airing("edt", 0, 60, { seriesRef: "N", programRef: "N1" }), startsAt: edt, endsAt: est },
      {
        ...airing("est", 0, 60, { seriesRef: "N", programRef: "N2", channelId: "c2", channelNumber: 2 }),
        startsAt: est,
        endsAt: new Date("2026-11-01T07:00:00Z"),
      },
    ];
    const p = planRecordings({
      now: new Date("2026-10-31T12:00:00Z"),
      guide,
      library: [],
      rules: [rule("n", { seriesRef: "N", paddingAfterMin: 2, paddingBeforeMin: 2 })],
      capacity: { streams: 1, storageHours: 3 },
    });
    expect(p.items.map((i) => [i.airing.id, i.status, i.startsAt.toISOString(), i.endsAt.toISOString()])).toEqual([
      ["edt", "WILL_RECORD", "2026-11-01T04:58:00.000Z", "2026-11-01T06:00:00.000Z"],
      ["est", "WILL_RECORD", "2026-11-01T06:00:00.000Z", "2026-11-01T07:02:00.000Z"],
    ]);
    expect(p.storageUsedHours).toBeCloseTo(124 / 60, 9);
  });
});

describe("storage", () => {
  const guide = [airing("a", 0, 120, { seriesRef: "S", programRef: "E1" })];

  it("deletes the oldest space-needed recordings first, never protected or keep-until-deleted ones", () => {
    const library = [
      recording("oldest-protected", -9000, 60, { protected: true }),
      recording("old-kept", -8000, 60, { keep: "UNTIL_DELETED" }),
      recording("old", -7000, 60),
      recording("newer", -6000, 60),
      recording("newest", -5000, 60),
    ];
    const p = plan({
      guide,
      library,
      rules: [rule("s", { seriesRef: "S" })],
      capacity: { streams: 1, storageHours: 5 },
    });
    expect(statusOf(p, "s", "a")).toBe("WILL_RECORD");
    expect(p.autoDelete).toEqual(["old", "newer"]);
    expect(p.storageUsedHours).toBe(5);
  });

  it("refuses a recording when nothing more can be freed", () => {
    const library = [
      recording("mine", -9000, 60, { protected: true }),
      recording("kept", -8000, 60, { keep: "UNTIL_DELETED" }),
    ];
    const p = plan({
      guide,
      library,
      rules: [rule("s", { seriesRef: "S" })],
      capacity: { streams: 1, storageHours: 3 },
    });
    expect(itemOf(p, "s", "a")).toMatchObject({ status: "CONFLICT", conflict: { reason: "STORAGE_FULL" } });
    expect(p.autoDelete).toEqual([]);
    expect(p.storageUsedHours).toBe(2);
  });

  it("keeps only the latest N of a series, counting planned recordings, never protected ones", () => {
    const library = [
      recording("e1", -9000, 60, { ruleId: "s", keep: "UNTIL_DELETED" }),
      recording("e2", -8000, 60, { ruleId: "s", protected: true }),
      recording("e3", -7000, 60, { ruleId: "s", keep: "UNTIL_DELETED" }),
      recording("e4", -6000, 60, { ruleId: "s" }),
      recording("other", -9500, 60, { ruleId: "x" }),
    ];
    const p = plan({ guide, library, rules: [rule("s", { seriesRef: "S", keepLatest: 2 })] });
    expect(statusOf(p, "s", "a")).toBe("WILL_RECORD");
    // Latest two: the planned one and e4.
    expect(p.autoDelete).toEqual(["e1", "e3"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const arbInput: fc.Arbitrary<ScheduleInput> = fc
  .record({
    streams: fc.integer({ min: 1, max: 3 }),
    storageHours: fc.integer({ min: 1, max: 12 }),
    nowOffset: fc.integer({ min: -120, max: 240 }),
    channels: fc.array(
      fc.record({
        recordable: fc.boolean(),
        shows: fc.array(
          fc.record({
            length: fc.constantFrom(30, 60, 90),
            gap: fc.constantFrom(0, 0, 0, 5, 30),
            series: fc.constantFrom("S1", "S2", "S3", null),
            episode: fc.integer({ min: 0, max: 4 }),
            isNew: fc.boolean(),
            hd: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    rules: fc.array(
      fc.record({
        kind: fc.constantFrom("SINGLE", "SERIES", "SERIES"),
        pick: fc.nat(),
        series: fc.constantFrom("S1", "S2", "S3"),
        byTitle: fc.boolean(),
        channel: fc.option(fc.nat({ max: 3 })),
        newOnly: fc.boolean(),
        keepLatest: fc.option(fc.integer({ min: 0, max: 3 })),
        before: fc.constantFrom(0, 2, 5, 10),
        after: fc.constantFrom(0, 3, 10, 30),
        priority: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 6 },
    ),
    library: fc.array(
      fc.record({
        series: fc.constantFrom("S1", "S2", "S3"),
        episode: fc.integer({ min: 0, max: 4 }),
        ageMin: fc.integer({ min: 100, max: 20_000 }),
        length: fc.constantFrom(30, 60, 120),
        protected: fc.boolean(),
        keep: fc.constantFrom("SPACE_NEEDED", "UNTIL_DELETED"),
        rule: fc.nat({ max: 6 }),
      }),
      { maxLength: 6 },
    ),
    recordingPicks: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map((w) => {
    const now = at(w.nowOffset);
    const guide: GuideAiring[] = [];
    w.channels.forEach((channel, c) => {
      let t = 0;
      channel.shows.forEach((show, i) => {
        t += show.gap;
        const ref =
          show.series === null
            ? `MV${c}${i}`
            : show.episode === 0
              ? `SH000${show.series.slice(1)}`
              : `EP-${show.series}-${show.episode}`;
        guide.push(
          airing(`g${c}-${i}`, t, show.length, {
            channelId: `ch${c}`,
            channelNumber: c + 2,
            seriesRef: show.series,
            programRef: ref,
            title: show.series ? `Series ${show.series}` : `Movie ${c}-${i}`,
            subtitle: show.episode % 2 === 0 ? null : `Part ${show.episode}`,
            description: show.episode % 2 === 0 ? null : "Same description",
            isNew: show.isNew,
            hd: show.hd,
            recordable: channel.recordable,
          }),
        );
        t += show.length;
      });
    });
    const rules = w.rules.map((r, i) =>
      rule(`r${i}`, {
        kind: r.kind as ScheduleRule["kind"],
        programId: r.kind === "SINGLE" ? guide[r.pick % guide.length]!.id : null,
        seriesRef: r.byTitle ? null : r.series,
        title: `series ${r.series.toLowerCase()}`,
        channelId: r.channel === null ? null : `ch${r.channel}`,
        newOnly: r.newOnly,
        keepLatest: r.keepLatest,
        paddingBeforeMin: r.before,
        paddingAfterMin: r.after,
        priority: r.priority,
      }),
    );
    const library: LibraryRecording[] = w.library.map((l, i) =>
      recording(`lib${i}`, -l.ageMin, l.length, {
        ruleId: l.rule < rules.length ? `r${l.rule}` : null,
        programRef: l.episode === 0 ? `SH000${l.series.slice(1)}` : `EP-${l.series}-${l.episode}`,
        seriesRef: l.series,
        title: `Series ${l.series}`,
        protected: l.protected,
        keep: l.keep as LibraryRecording["keep"],
      }),
    );
    // In-progress recordings: airings on air now, at most `streams` of them, never overlapping more.
    const onAir = guide.filter((a) => a.startsAt <= now && a.endsAt > now);
    const taken = new Set<string>();
    for (const pick of w.recordingPicks.slice(0, w.streams)) {
      const a = onAir[pick % Math.max(1, onAir.length)];
      // Two recordings of one episode already running is not something the scheduler decides.
      if (!a || taken.has(airingEpisodeKey(a))) continue;
      taken.add(airingEpisodeKey(a));
      const owner = rules[pick % Math.max(1, rules.length)];
      library.push(
        recording(
          `rec-${a.id}`,
          (a.startsAt.getTime() - T0) / MIN - 2,
          (a.endsAt.getTime() - a.startsAt.getTime()) / MIN + 4,
          {
            status: "RECORDING",
            ruleId: owner?.id ?? null,
            programId: a.id,
            programRef: a.programRef,
            seriesRef: a.seriesRef,
            title: a.title,
            subtitle: a.subtitle,
            description: a.description,
            protected: pick % 2 === 0,
          },
        ),
      );
    }
    return { now, rules, guide, library, capacity: { streams: w.streams, storageHours: w.storageHours } };
  });

function maxOverlap(windows: { startsAt: Date; endsAt: Date }[]): number {
  const events = windows.flatMap((w) => [
    [w.startsAt.getTime(), 1],
    [w.endsAt.getTime(), -1],
  ]);
  events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let count = 0;
  let max = 0;
  for (const [, delta] of events) {
    count += delta!;
    max = Math.max(max, count);
  }
  return max;
}

const hours = (r: { startsAt: Date; endsAt: Date }) => (r.endsAt.getTime() - r.startsAt.getTime()) / HOUR;

describe("scheduler properties", () => {
  it("never runs more recordings at once than there are streams, and never clips a program", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const p = planRecordings(input);
        const planned = p.items.filter((i) => i.status === "WILL_RECORD");
        const inProgress = input.library.filter((r) => r.status === "RECORDING");
        expect(maxOverlap([...planned, ...inProgress])).toBeLessThanOrEqual(input.capacity.streams);
        for (const item of planned) {
          const rule = input.rules.find((r) => r.id === item.ruleId)!;
          const from = Math.max(item.airing.startsAt.getTime(), input.now.getTime());
          expect(item.startsAt.getTime()).toBeLessThanOrEqual(from);
          expect(item.endsAt.getTime()).toBeGreaterThanOrEqual(item.airing.endsAt.getTime());
          expect(item.startsAt.getTime()).toBeGreaterThanOrEqual(from - rule.paddingBeforeMin * MIN);
          expect(item.endsAt.getTime()).toBeLessThanOrEqual(item.airing.endsAt.getTime() + rule.paddingAfterMin * MIN);
        }
        for (const item of p.items.filter((i) => i.status === "RECORDING")) {
          const source = inProgress.find((r) => r.programId === item.airing.id)!;
          expect([item.startsAt, item.endsAt]).toEqual([source.startsAt, source.endsAt]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps storage within the quota after auto-delete, and never deletes protected or in-progress recordings", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const p = planRecordings(input);
        const deleted = new Set(p.autoDelete);
        expect(deleted.size).toBe(p.autoDelete.length);
        for (const id of p.autoDelete) {
          const r = input.library.find((l) => l.id === id)!;
          expect(r.status).toBe("COMPLETED");
          expect(r.protected).toBe(false);
        }
        const kept = input.library.filter((r) => r.status !== "FAILED" && !deleted.has(r.id));
        const used =
          kept.reduce((s, r) => s + hours(r), 0) +
          p.items.filter((i) => i.status === "WILL_RECORD").reduce((s, i) => s + hours(i), 0);
        expect(p.storageUsedHours).toBeCloseTo(used, 6);
        const baseline = input.library.filter((r) => r.status !== "FAILED").reduce((s, r) => s + hours(r), 0);
        expect(used).toBeLessThanOrEqual(Math.max(input.capacity.storageHours, baseline) + 1e-9);
        if (p.items.some((i) => i.status === "WILL_RECORD")) {
          expect(used).toBeLessThanOrEqual(input.capacity.storageHours + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("records every episode at most once, and lists each airing once per rule in order", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const p = planRecordings(input);
        const recorded = p.items
          .filter((i) => i.status === "WILL_RECORD" || i.status === "RECORDING")
          .map((i) => airingEpisodeKey(i.airing));
        expect(new Set(recorded).size).toBe(recorded.length);
        const pairs = p.items.map((i) => `${i.ruleId}/${i.airing.id}`);
        expect(new Set(pairs).size).toBe(pairs.length);
        for (let i = 1; i < p.items.length; i++) {
          const [a, b] = [p.items[i - 1]!.airing, p.items[i]!.airing];
          expect(a.startsAt.getTime() * 1000 + a.channelNumber).toBeLessThanOrEqual(
            b.startsAt.getTime() * 1000 + b.channelNumber,
          );
        }
        for (const item of p.items) {
          if (item.status === "DUPLICATE") expect(item.duplicateOf).toBeDefined();
          if (item.status === "CONFLICT") expect(item.conflict).toBeDefined();
          if (item.status === "NOT_ALLOWED") expect(item.airing.recordable).toBe(false);
          expect(item.airing.endsAt.getTime()).toBeGreaterThan(input.now.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, whatever the order of the rules, the guide and the library", () => {
    fc.assert(
      fc.property(
        arbInput.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.rules, { minLength: input.rules.length }),
            fc.shuffledSubarray(input.guide, { minLength: input.guide.length }),
            fc.shuffledSubarray(input.library, { minLength: input.library.length }),
          ),
        ),
        ([input, rules, guide, library]) => {
          const first = planRecordings(input);
          expect(planRecordings(input)).toEqual(first);
          expect(planRecordings({ ...input, rules, guide, library })).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("scale", () => {
  it("plans 200 rules over a 14-day guide of 300 channels (its speed is `pnpm bench dvr`)", () => {
    const guide: GuideAiring[] = [];
    for (let c = 0; c < 300; c++) {
      for (let slot = 0; slot < 14 * 24; slot++) {
        const series = (c * 7 + slot) % 400;
        guide.push(
          airing(`c${c}-${slot}`, slot * 60, 60, {
            channelId: `ch${c}`,
            channelNumber: c + 2,
            seriesRef: `S${series}`,
            programRef: `EP-${series}-${(slot * 13 + c) % 40}`,
            title: `Series ${series}`,
            isNew: slot % 5 === 0,
            hd: c % 2 === 0,
          }),
        );
      }
    }
    const rules = Array.from({ length: 200 }, (_, i) =>
      rule(`r${String(i).padStart(3, "0")}`, {
        seriesRef: `S${i * 2}`,
        priority: (i % 10) + 1,
        paddingBeforeMin: 2,
        paddingAfterMin: 5,
        channelId: i % 3 === 0 ? `ch${i}` : null,
      }),
    );
    const library = Array.from({ length: 500 }, (_, i) => recording(`l${i}`, -100_000 + i * 90, 60));
    const p = planRecordings({ now: NOW, rules, guide, library, capacity: { streams: 6, storageHours: 500 } });
    expect(guide.length).toBeGreaterThan(100_000);
    expect(p.items.some((i) => i.status === "WILL_RECORD")).toBe(true);
    expect(p.items.some((i) => i.status === "CONFLICT")).toBe(true);
  }, 60_000);
});

describe("a household with many rules over a generated guide", () => {
  it("ends, and never records more at once than the streams allow", () => {
    const { start, guide, rules, library } = planningWorkload({ channels: 300, rules: 90 });
    const plan = planRecordings({ now: start, rules, guide, library, capacity: { streams: 4, storageHours: 300 } });
    const taken = plan.items.filter((item) => item.status === "WILL_RECORD");
    expect(taken.length).toBeGreaterThan(0);
    const edges = taken.flatMap((item) => [
      [item.startsAt.getTime(), 1],
      [item.endsAt.getTime(), -1],
    ]);
    edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    let running = 0;
    for (const [, delta] of edges) {
      running += delta!;
      expect(running).toBeLessThanOrEqual(4);
    }
  }, 60_000);
});
