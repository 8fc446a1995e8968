/** The job queue's names, and a way to run one now, without loading the queue itself. */
export const JOBS = {
  deliverOutbox: "outbox-deliver",
  cleanUpOutbox: "outbox-clean-up",
  billingCycle: "billing-cycle",
  usageAlerts: "usage-alerts",
  outageNotices: "outage-notices",
  appointmentReminders: "appointment-reminders",
  dvrRecorder: "dvr-recorder",
  guideHorizon: "guide-horizon",
  privacyNotices: "privacy-notices",
  privacyFulfilment: "privacy-fulfilment",
  privacyRetention: "privacy-retention",
  mailboxIdleLock: "mailbox-idle-lock",
  anomalyScan: "anomaly-scan",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** The running worker's queue, shared through the process so pages bundled apart can reach it. */
export const RUNNING_WORKER = Symbol.for("homeport.jobWorker");
export type RunningWorker = { send(name: JobName): Promise<unknown> };

/**
 * Asks the worker in this process to run a job now rather than at its next scheduled minute (a
 * request the consumer is waiting for). Without a worker here, the schedule still picks it up.
 */
export async function runJobSoon(name: JobName): Promise<boolean> {
  const running = (globalThis as { [RUNNING_WORKER]?: RunningWorker })[RUNNING_WORKER];
  if (!running) return false;
  await running.send(name);
  return true;
}
