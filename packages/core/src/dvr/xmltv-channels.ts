/** The Channel columns a feed's channels are matched on. */
export interface LineupChannel {
  id: string;
  number: number;
  name: string;
  callSign: string;
}

const key = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/** "504 ESPN" and "504" give 504; "7.1 KABC" (a broadcast subchannel) gives nothing. */
const leadingNumber = (name: string) => {
  const m = /^\s*(\d+)(?:\s|$)/.exec(name);
  return m ? Number(m[1]) : null;
};

/**
 * A `channelMap` for `parseXmltv` that finds our channel for a feed channel:
 * 1. the XMLTV id equal to our Channel.id (a feed made for this lineup);
 * 2. a display-name equal, ignoring case, to a call sign or channel name; when that names
 *    several of our channels (an SD and an HD feed under one call sign), only a number among the
 *    display-names picks one, never the order of our rows;
 * 3. the leading number of a display-name ("504 ESPN") equal to Channel.number.
 * Names come before numbers because numbers belong to one lineup, and a feed is often made
 * for another.
 */
export function createChannelMatcher(
  lineup: readonly LineupChannel[],
): (xmltvChannelId: string, displayNames: string[]) => string | null {
  const byId = new Map(lineup.map((c) => [c.id, c]));
  const byNumber = new Map(lineup.map((c) => [c.number, c]));
  const byName = new Map<string, Set<LineupChannel>>();
  for (const channel of lineup) {
    for (const name of [channel.callSign, channel.name]) {
      const k = key(name);
      if (!k) continue;
      const set = byName.get(k) ?? new Set();
      set.add(channel);
      byName.set(k, set);
    }
  }

  return (xmltvChannelId, displayNames) => {
    const exact = byId.get(xmltvChannelId);
    if (exact) return exact.id;
    const numbers = displayNames.map(leadingNumber).filter((n): n is number => n !== null);
    for (const name of displayNames) {
      const candidates = [...(byName.get(key(name)) ?? [])];
      if (candidates.length === 1) return candidates[0]!.id;
      if (candidates.length > 1) {
        const picked = candidates.filter((c) => numbers.includes(c.number));
        if (picked.length === 1) return picked[0]!.id;
      }
    }
    for (const number of numbers) {
      const channel = byNumber.get(number);
      if (channel) return channel.id;
    }
    return null;
  };
}
