import type { ConnectionConfig, Db } from "@homeport/db";
import PgBoss from "pg-boss";
import { runBillingCycle } from "../billing/billing-jobs.ts";
import type { PaymentGateway } from "../billing/gateway.ts";
import { configuredGateway } from "../billing/gateways/configured-gateway.ts";
import { readCoreEnv } from "../env.ts";
import { providerProfile } from "../provider/profile.ts";
import { runAnomalyScan } from "../admin/anomalies.ts";
import { runDvrRecorder } from "../dvr/record-job.ts";
import { lockIdleMailboxes } from "../email/mailboxes.ts";
import { type ExportText, purgePrivacyRecords, runPrivacyFulfilment, runPrivacyNotices } from "../privacy/jobs.ts";
import { extendDemoGuide } from "../runtime/seed-tv.ts";
import { sendAppointmentReminders } from "../services/appointments.ts";
import { runOutageNotices } from "../services/outages.ts";
import { sendUsageAlerts } from "../usage/alerts.ts";
import { cleanUpOutbox } from "../notifications/clean-up-outbox.ts";
import { configuredTransports } from "../notifications/configured-transports.ts";
import { deliverOutbox } from "../notifications/deliver-outbox.ts";
import type { Transports } from "../notifications/transports.ts";
import { JOBS, type JobName, type RunningWorker, RUNNING_WORKER } from "./names.ts";

export { JOBS, type JobName, runJobSoon } from "./names.ts";

/**
 * Deferred and periodic work on PostgreSQL itself (pg-boss, schema "pgboss"). Every handler is
 * idempotent, so a retry or a second worker instance does no harm.
 */
export interface JobWorker {
  boss: PgBoss;
  send(name: JobName, data?: object): Promise<string | null>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  db: Db;
  connection: ConnectionConfig;
  transports?: Transports;
  log?: (line: string) => void;
  payments?: PaymentGateway;
  now?: () => Date;
  /** Start the periodic schedule (default true). Tests trigger jobs by hand instead. */
  schedule?: boolean;
  /** The privacy export's readable summary, in the web's message catalogs. */
  privacyExportText?: ExportText;
}

export async function startJobWorker(options: WorkerOptions): Promise<JobWorker> {
  const env = readCoreEnv();
  const log = options.log ?? (() => {});
  const transports = options.transports ?? configuredTransports(env);
  const { embedded, poolMax: _poolMax, ...pgFields } = options.connection;
  const boss = new PgBoss({
    ...pgFields,
    // The embedded server must see as few connections as possible.
    max: embedded ? 1 : 3,
    application_name: "homeport-worker",
    schedule: options.schedule !== false,
    supervise: true,
    pollingIntervalSeconds: 2,
  });
  boss.on("error", (error: Error) => log(`job queue error: ${error.message}`));
  await boss.start();

  for (const name of Object.values(JOBS)) await boss.createQueue(name);

  await boss.work(JOBS.deliverOutbox, async () => {
    const report = await deliverOutbox(options.db, transports);
    if (report.sent + report.failed + report.retrying > 0) {
      log(`outbox: sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`);
    }
    return report;
  });
  await boss.work(JOBS.cleanUpOutbox, async () => {
    const result = await cleanUpOutbox(options.db, { retentionDays: env.HOMEPORT_OUTBOX_RETENTION_DAYS });
    log(`outbox clean-up: deleted ${result.deleted} message(s)`);
    return result;
  });

  // What the business jobs need, as the web's core context gives it to pages.
  const jobContext = {
    db: options.db,
    now: options.now ?? (() => new Date()),
    transports,
    profile: providerProfile(),
    payments: options.payments ?? configuredGateway(env),
    publicUrl: (env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
  };
  await boss.work(JOBS.billingCycle, async () => {
    const report = await runBillingCycle(jobContext);
    log(`billing: ${JSON.stringify(report)}`);
    return report;
  });

  await boss.work(JOBS.usageAlerts, async () => {
    const report = await sendUsageAlerts(jobContext);
    if (report.sent > 0) log(`usage alerts: ${report.sent} account(s) told`);
    return report;
  });

  await boss.work(JOBS.outageNotices, async () => {
    const report = await runOutageNotices(jobContext);
    if (report.notices + report.credits > 0) log(`outages: ${report.notices} notice(s), ${report.credits} credit(s)`);
    return report;
  });

  await boss.work(JOBS.appointmentReminders, async () => {
    const report = await sendAppointmentReminders(jobContext);
    if (report.sent > 0) log(`appointments: ${report.sent} reminder(s)`);
    return report;
  });

  await boss.work(JOBS.dvrRecorder, async () => {
    const report = await runDvrRecorder(jobContext);
    if (report.started + report.completed + report.deleted > 0) {
      log(`dvr: ${report.started} started, ${report.completed} completed, ${report.deleted} deleted`);
    }
    return report;
  });

  // The demo's generated guide is kept 14 days ahead; a real deployment imports its XMLTV feed instead.
  await boss.work(JOBS.guideHorizon, async () => {
    const report = await extendDemoGuide(jobContext);
    if (report.inserted > 0) log(`guide: ${report.inserted} airing(s) added`);
    return report;
  });

  await boss.work(JOBS.privacyNotices, async () => {
    const report = await runPrivacyNotices(jobContext);
    if (report.sent > 0) log(`privacy: ${report.sent} notice(s) sent`);
    return report;
  });
  const exportText: ExportText = options.privacyExportText ?? (() => (key) => key);
  await boss.work(JOBS.privacyFulfilment, async () => {
    const report = await runPrivacyFulfilment(jobContext, exportText);
    if (report.completed > 0) log(`privacy: ${report.completed} request(s) fulfilled`);
    return report;
  });

  await boss.work(JOBS.privacyRetention, async () => {
    const report = await purgePrivacyRecords(jobContext);
    log(`privacy retention: ${report.exports} expired export(s), ${report.requests} request record(s) removed`);
    return report;
  });

  await boss.work(JOBS.mailboxIdleLock, async () => {
    const report = await lockIdleMailboxes(jobContext);
    if (report.locked > 0) log(`email: ${report.locked} idle mailbox(es) locked`);
    return report;
  });

  await boss.work(JOBS.anomalyScan, async () => {
    const report = await runAnomalyScan(jobContext);
    if (report.created + report.updated > 0) log(`anomalies: ${report.created} new flag(s), ${report.updated} updated`);
    return report;
  });

  if (options.schedule !== false) {
    await boss.schedule(JOBS.deliverOutbox, "* * * * *");
    await boss.schedule(JOBS.cleanUpOutbox, "17 3 * * *");
    await boss.schedule(JOBS.billingCycle, "5 * * * *");
    await boss.schedule(JOBS.usageAlerts, "*/15 * * * *");
    await boss.schedule(JOBS.outageNotices, "*/5 * * * *");
    await boss.schedule(JOBS.appointmentReminders, "*/15 * * * *");
    await boss.schedule(JOBS.dvrRecorder, "* * * * *");
    await boss.schedule(JOBS.guideHorizon, "17 * * * *");
    await boss.schedule(JOBS.privacyNotices, "* * * * *");
    await boss.schedule(JOBS.privacyFulfilment, "* * * * *");
    await boss.schedule(JOBS.privacyRetention, "41 4 * * *");
    await boss.schedule(JOBS.mailboxIdleLock, "23 3 * * *");
    await boss.schedule(JOBS.anomalyScan, "*/5 * * * *");
    await boss.send(JOBS.guideHorizon, {});
  }

  const worker: JobWorker = {
    boss,
    send: (name, data) => boss.send(name, data ?? {}),
    async stop() {
      delete (globalThis as { [RUNNING_WORKER]?: RunningWorker })[RUNNING_WORKER];
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
  (globalThis as { [RUNNING_WORKER]?: RunningWorker })[RUNNING_WORKER] = { send: (name: JobName) => worker.send(name) };
  return worker;
}
