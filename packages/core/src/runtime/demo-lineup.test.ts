import { describe, expect, it } from "vitest";
import { DEMO_CHANNELS, DEMO_PACKAGE_CHANNELS } from "./demo-lineup.ts";

describe("demo lineup", () => {
  const channelIds = new Set(DEMO_CHANNELS.map((channel) => channel.id));
  const select = DEMO_PACKAGE_CHANNELS["tv-select"];
  const silver = DEMO_PACKAGE_CHANNELS["tv-silver"];
  const gold = DEMO_PACKAGE_CHANNELS["tv-gold"];

  it("has unique ids and channel numbers", () => {
    expect(channelIds.size).toBe(DEMO_CHANNELS.length);
    expect(new Set(DEMO_CHANNELS.map((channel) => channel.number)).size).toBe(DEMO_CHANNELS.length);
    expect(DEMO_CHANNELS.length).toBeGreaterThanOrEqual(200);
  });

  it("uses lowercase slug ids and short uppercase call signs", () => {
    for (const channel of DEMO_CHANNELS) {
      expect(channel.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(channel.callSign).toMatch(/^[A-Z0-9]{1,8}$/);
      expect(Number.isInteger(channel.number) && channel.number > 0).toBe(true);
    }
  });

  it("gives TV Select 125 channels", () => {
    expect(select).toHaveLength(125);
    expect(new Set(select).size).toBe(125);
  });

  it("gives TV Silver 175 channels, all of TV Select among them", () => {
    expect(silver).toHaveLength(175);
    expect(new Set(silver).size).toBe(175);
    expect(silver).toEqual(expect.arrayContaining([...select]));
  });

  it("gives TV Gold every channel, all of TV Silver among them", () => {
    expect(new Set(gold).size).toBe(gold.length);
    expect(gold).toEqual(expect.arrayContaining([...silver]));
    expect(new Set(gold)).toEqual(channelIds);
  });

  it("lists only channels that exist", () => {
    for (const ids of Object.values(DEMO_PACKAGE_CHANNELS)) {
      for (const id of ids) expect(channelIds.has(id), id).toBe(true);
    }
  });

  it("keeps premium movie networks in TV Gold only and the main channels in TV Select", () => {
    const premium = DEMO_CHANNELS.filter((channel) => channel.category === "premium").map((channel) => channel.id);
    expect(premium.length).toBeGreaterThan(0);
    for (const id of premium) expect(silver).not.toContain(id);
    expect(select).toEqual(expect.arrayContaining(["kcra", "kxtv", "kovr", "ktxl", "kvie", "espn", "espn2", "fs1"]));
  });
});
