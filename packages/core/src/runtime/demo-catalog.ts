import type { Db } from "@homeport/db";
import { DEMO_CHANNELS, DEMO_PACKAGE_CHANNELS } from "./demo-lineup.ts";

/** The provider's catalog as the demo shows it: internet tiers, TV packages with their lineups, phone. */
export const DEMO_PLANS = [
  {
    id: "internet-assist",
    kind: "INTERNET",
    tier: 1,
    name: "Internet Assist",
    monthlyCents: 2999,
    promoCents: null,
    promoMonths: null,
    dataCapGb: 1200,
    dvrHours: null,
    dvrStreams: null,
    features: [
      { key: "speed", values: { down: 100, up: 10 } },
      { key: "modem", values: {} },
    ],
  },
  {
    id: "internet-premier",
    kind: "INTERNET",
    tier: 2,
    name: "Internet Premier",
    monthlyCents: 7999,
    promoCents: 4999,
    promoMonths: 12,
    dataCapGb: 1200,
    dvrHours: null,
    dvrStreams: null,
    features: [
      { key: "speed", values: { down: 500, up: 20 } },
      { key: "modem", values: {} },
      { key: "hotspots", values: {} },
    ],
  },
  {
    id: "internet-gig",
    kind: "INTERNET",
    tier: 3,
    name: "Internet Gig",
    monthlyCents: 9999,
    promoCents: 6999,
    promoMonths: 12,
    dataCapGb: 1200,
    dvrHours: null,
    dvrStreams: null,
    features: [
      { key: "speed", values: { down: 1000, up: 35 } },
      { key: "modem", values: {} },
      { key: "hotspots", values: {} },
      { key: "wifi7", values: {} },
    ],
  },
  {
    id: "tv-select",
    kind: "TV",
    tier: 1,
    name: "TV Select",
    monthlyCents: 5999,
    promoCents: null,
    promoMonths: null,
    dataCapGb: null,
    dvrHours: 100,
    dvrStreams: 2,
    features: [{ key: "app", values: {} }],
  },
  {
    id: "tv-silver",
    kind: "TV",
    tier: 2,
    name: "TV Silver",
    monthlyCents: 8999,
    promoCents: 6999,
    promoMonths: 12,
    dataCapGb: null,
    dvrHours: 200,
    dvrStreams: 3,
    features: [{ key: "app", values: {} }],
  },
  {
    id: "tv-gold",
    kind: "TV",
    tier: 3,
    name: "TV Gold",
    monthlyCents: 11_499,
    promoCents: 9499,
    promoMonths: 12,
    dataCapGb: null,
    dvrHours: 300,
    dvrStreams: 4,
    features: [
      { key: "app", values: {} },
      { key: "premium", values: {} },
    ],
  },
  {
    id: "voice-unlimited",
    kind: "PHONE",
    tier: 1,
    name: "Voice Unlimited",
    monthlyCents: 2999,
    promoCents: null,
    promoMonths: null,
    dataCapGb: null,
    dvrHours: null,
    dvrStreams: null,
    features: [
      { key: "calling", values: { region: "US, Canada, Mexico" } },
      { key: "voicemail", values: {} },
    ],
  },
] as const;

/** Writes the catalog and the channel lineup; safe to run again (existing rows are left as they are). */
export async function seedDemoCatalog(db: Db) {
  for (const { id, ...plan } of DEMO_PLANS) {
    await db.servicePlan.upsert({
      where: { id },
      update: {},
      create: { id, ...plan, features: plan.features.map((f) => ({ key: f.key, values: { ...f.values } })) },
    });
  }
  await db.channel.createMany({ data: [...DEMO_CHANNELS], skipDuplicates: true });
  await db.planChannel.createMany({
    data: Object.entries(DEMO_PACKAGE_CHANNELS).flatMap(([planId, channels]) =>
      channels.map((channelId) => ({ planId, channelId })),
    ),
    skipDuplicates: true,
  });
}
