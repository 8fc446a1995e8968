import { randomBytes, randomInt } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { DeviceError } from "./device-errors.ts";
import { getEquipment, listEquipment, restartEquipment, settleDeviceOperations } from "./equipment.ts";
import { listOpenEquipmentRequests, requestEquipmentReplace, requestEquipmentReturn } from "./equipment-requests.ts";
import { createSimulatedDeviceGateway } from "./simulated-device-gateway.ts";
import { runTroubleshooter } from "./troubleshoot.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const defaultDevices = ctx.devices;

const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `equipment-${name}-${tag}-${(sequence += 1)}`;
const request = { userAgent: "equipment-test" };
/** The simulator never takes longer than this by default. */
const AFTER_DELAY = 21_000;

afterAll(() => db.$disconnect());
beforeEach(() => {
  ctx.setNow(new Date("2026-11-22T18:00:00Z"));
  ctx.devices = defaultDevices;
});

async function household(options: { member?: boolean } = {}) {
  // A ZIP of its own, so outages other tests report elsewhere do not show up here.
  const zip = `9${String(randomInt(0, 10_000)).padStart(4, "0")}`;
  const { account, owner } = await createHousehold(db, {
    account: { zip },
    owner: { email: `${unique("owner")}@example.com`, name: "Ada Lovelace" },
  });
  const [modem, router] = await Promise.all(
    (["MODEM", "ROUTER"] as const).map((kind) =>
      db.equipment.create({
        data: {
          accountId: account.id,
          kind,
          model: kind === "MODEM" ? "Test Modem" : "Test Router",
          serialNumber: unique(kind),
          macAddress: "A8:9A:93:00:00:01",
          installedOn: new Date("2025-01-01"),
        },
      }),
    ),
  );
  let member = null;
  if (options.member) {
    const user = await createUser(db, { email: `${unique("member")}@example.com`, name: "Mary Somerville" });
    await addMember(db, account.id, user.id, "MEMBER");
    member = householdActor(user, account.id, "MEMBER");
  }
  return {
    account,
    modem: modem!,
    router: router!,
    owner: householdActor(owner, account.id, "OWNER"),
    member,
  };
}

const auditFor = (accountId: string, action: string) =>
  db.auditEvent.findMany({ where: { accountId, action }, orderBy: { id: "asc" } });

describe("restarting a device", () => {
  it("is pending (device restarting), then applied once the gateway reports back", async () => {
    const h = await household();
    const op = await restartEquipment(ctx, h.owner, request, h.modem.id);
    expect(op.status).toBe("PENDING");

    const during = await listEquipment(ctx, h.account.id);
    const modem = during.find((d) => d.id === h.modem.id);
    expect(modem).toMatchObject({ status: "RESTARTING", restartPending: true });
    expect(modem?.latestOperation?.status).toBe("PENDING");
    expect(during.map((d) => d.kind)).toEqual(["MODEM", "ROUTER"]);

    ctx.advance(AFTER_DELAY);
    const after = await getEquipment(ctx, h.account.id, h.modem.id);
    expect(after.status).toBe("ONLINE");
    expect(after.restartPending).toBe(false);
    expect(after.operations[0]).toMatchObject({ id: op.id, status: "APPLIED", failureCode: null });
    expect(after.operations[0]?.completedAt).not.toBeNull();

    const audit = await auditFor(h.account.id, "services.device.restart");
    expect(audit.map((e) => [e.outcome, (e.details as { phase: string }).phase])).toEqual([
      ["SUCCESS", "requested"],
      ["SUCCESS", "completed"],
    ]);
    expect(audit[1]?.actorUserId).toBe(h.owner.id);
  });

  it("records a failure with the gateway's code", async () => {
    const h = await household();
    ctx.devices = createSimulatedDeviceGateway({ now: () => ctx.now(), failureRate: 1 });
    await restartEquipment(ctx, h.owner, request, h.modem.id);
    ctx.advance(AFTER_DELAY);
    const after = await getEquipment(ctx, h.account.id, h.modem.id);
    expect(after.operations[0]?.status).toBe("FAILED");
    expect(["device-unreachable", "timeout"]).toContain(after.operations[0]?.failureCode);
    expect(after.status).toBe(after.operations[0]?.failureCode === "device-unreachable" ? "OFFLINE" : "ONLINE");
    const audit = await auditFor(h.account.id, "services.device.restart");
    expect(audit.at(-1)?.outcome).toBe("FAILURE");
  });

  it("refuses a second restart while one is pending: a double click gives one operation", async () => {
    const h = await household({ member: true });
    const results = await Promise.allSettled([
      restartEquipment(ctx, h.owner, request, h.modem.id),
      restartEquipment(ctx, h.member!, request, h.modem.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DeviceError);
    expect(refused.reason.code).toBe("RESTART_PENDING");
    expect(await db.deviceOperation.count({ where: { equipmentId: h.modem.id } })).toBe(1);
    // Once it is done, the device can be restarted again.
    ctx.advance(AFTER_DELAY);
    await restartEquipment(ctx, h.owner, request, h.modem.id);
    expect(await db.deviceOperation.count({ where: { equipmentId: h.modem.id } })).toBe(2);
  });

  it("settles an operation once when several requests settle it at the same time", async () => {
    const h = await household();
    await restartEquipment(ctx, h.owner, request, h.modem.id);
    ctx.advance(AFTER_DELAY);
    const results = await Promise.all([
      settleDeviceOperations(ctx, h.account.id),
      settleDeviceOperations(ctx, h.account.id),
      settleDeviceOperations(ctx, h.account.id),
    ]);
    expect(results.reduce((sum, r) => sum + r.settled, 0)).toBe(1);
    const completed = (await auditFor(h.account.id, "services.device.restart")).filter(
      (e) => (e.details as { phase: string }).phase === "completed",
    );
    expect(completed).toHaveLength(1);
  });

  it("finds nothing for another account's device, a returned one or a malformed id", async () => {
    const mine = await household();
    const theirs = await household();
    for (const id of [theirs.modem.id, "not-a-uuid"]) {
      await expect(restartEquipment(ctx, mine.owner, request, id)).rejects.toMatchObject({
        code: "EQUIPMENT_NOT_FOUND",
      });
      await expect(getEquipment(ctx, mine.account.id, id)).rejects.toMatchObject({ code: "EQUIPMENT_NOT_FOUND" });
      await expect(runTroubleshooter(ctx, mine.owner, id)).rejects.toMatchObject({ code: "EQUIPMENT_NOT_FOUND" });
    }
    await db.equipment.update({ where: { id: mine.router.id }, data: { returnedOn: new Date("2026-11-01") } });
    await expect(restartEquipment(ctx, mine.owner, request, mine.router.id)).rejects.toMatchObject({
      code: "EQUIPMENT_NOT_FOUND",
    });
    expect((await listEquipment(ctx, mine.account.id)).map((d) => d.id)).toEqual([mine.modem.id]);
    expect(await db.deviceOperation.count({ where: { equipmentId: theirs.modem.id } })).toBe(0);
  });

  it("is for people in the household only", async () => {
    const h = await household();
    const staff = { ...h.owner, accountId: null, membershipRole: null, staffRole: "SUPPORT_AGENT" };
    await expect(restartEquipment(ctx, staff, request, h.modem.id)).rejects.toMatchObject({ code: "NO_ACCOUNT" });
  });
});

describe("troubleshooter", () => {
  it("runs its steps for a device and puts an outage at the address first", async () => {
    const h = await household();
    const check = await runTroubleshooter(ctx, h.owner, h.modem.id);
    expect(check.steps.map((s) => s.id)).toEqual(["outage", "account", "online", "signal"]);
    expect(check.steps[0]?.status).toBe("pass");
    expect(["ALL_GOOD", "RESTART", "TECHNICIAN"]).toContain(check.outcome.kind);

    const etaAt = new Date("2026-11-22T22:00:00Z");
    await db.outage.create({
      data: {
        externalRef: unique("noc"),
        zips: [h.account.zip],
        services: ["INTERNET"],
        status: "IDENTIFIED",
        startedAt: new Date("2026-11-22T17:00:00Z"),
        etaAt,
      },
    });
    const during = await runTroubleshooter(ctx, h.member ?? h.owner, h.router.id);
    expect(during.steps[0]).toMatchObject({ id: "outage", status: "fail" });
    expect(during.outcome).toEqual({ kind: "OUTAGE", etaAt });
  });

  it("says to wait while the device restarts", async () => {
    const h = await household();
    await restartEquipment(ctx, h.owner, request, h.modem.id);
    const check = await runTroubleshooter(ctx, h.owner, h.modem.id);
    expect(check.outcome.kind).toBe("RESTARTING");
  });
});

describe("return and replacement requests", () => {
  it("opens one ticket per device: a double submit gets the same one back", async () => {
    const h = await household();
    const input = { equipmentId: h.router.id, reason: "moving", details: "Moving out on the 30th" };
    const [a, b] = await Promise.all([
      requestEquipmentReturn(ctx, h.owner, request, input),
      requestEquipmentReturn(ctx, h.owner, request, input),
    ]);
    expect(a.ticket.id).toBe(b.ticket.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.ticket.reference).toMatch(/^HP-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(a.ticket).toMatchObject({ kind: "EQUIPMENT_RETURN", topic: "moving", details: "Moving out on the 30th" });
    expect(await db.supportTicket.count({ where: { equipmentId: h.router.id } })).toBe(1);

    // A replacement while the return is open is refused, naming the open request.
    await expect(
      requestEquipmentReplace(ctx, h.owner, request, { equipmentId: h.router.id, reason: "damaged" }),
    ).rejects.toMatchObject({ code: "REQUEST_OPEN", detail: { reference: a.ticket.reference } });

    const open = await listOpenEquipmentRequests(db, h.account.id, h.router.id);
    expect(open.map((t) => t.reference)).toEqual([a.ticket.reference]);
    expect(await listOpenEquipmentRequests(db, h.account.id, h.modem.id)).toEqual([]);

    // Once staff resolve it, a new request can be made.
    await db.supportTicket.update({ where: { id: a.ticket.id }, data: { status: "RESOLVED" } });
    const again = await requestEquipmentReplace(ctx, h.owner, request, {
      equipmentId: h.router.id,
      reason: "not-working",
    });
    expect(again.created).toBe(true);
  });

  it("lets a member ask for a replacement but only the owner return a device", async () => {
    const h = await household({ member: true });
    await expect(
      requestEquipmentReturn(ctx, h.member!, request, { equipmentId: h.modem.id, reason: "moving" }),
    ).rejects.toBeInstanceOf(IdentityError);
    const replaced = await requestEquipmentReplace(ctx, h.member!, request, {
      equipmentId: h.modem.id,
      reason: "not-working",
    });
    expect(replaced.ticket.kind).toBe("EQUIPMENT_REPLACE");
  });

  it("refuses a reason that does not fit, and another account's device", async () => {
    const h = await household();
    const other = await household();
    await expect(
      requestEquipmentReturn(ctx, h.owner, request, { equipmentId: h.modem.id, reason: "damaged" }),
    ).rejects.toMatchObject({ code: "REASON_NOT_ALLOWED" });
    await expect(
      requestEquipmentReplace(ctx, h.owner, request, { equipmentId: other.modem.id, reason: "damaged" }),
    ).rejects.toMatchObject({ code: "EQUIPMENT_NOT_FOUND" });
    expect(await db.supportTicket.count({ where: { equipmentId: other.modem.id } })).toBe(0);
  });
});
