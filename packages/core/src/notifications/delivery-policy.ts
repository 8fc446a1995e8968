/** Attempts before a message is given up as FAILED, and the wait before each retry. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export function retryDelaySeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 3_600);
}

/** Messages older than the retention period are removed by the cleanup job, whatever their state. */
export function outboxCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}
