import type { Db } from "@homeport/db";
import { describe, expect, it } from "vitest";
import { transactionWithRetry } from "./transaction-retry.ts";

function fakeDb(failures: unknown[]) {
  let calls = 0;
  const db = {
    async $transaction(run: (tx: unknown) => Promise<unknown>) {
      calls += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return run({});
    },
  } as unknown as Db;
  return { db, calls: () => calls };
}

describe("transactionWithRetry", () => {
  it("runs again after a write conflict or deadlock, and returns the result", async () => {
    const { db, calls } = fakeDb([{ code: "P2034" }, { code: "P2010", meta: { code: "40P01" } }]);
    expect(await transactionWithRetry(db, async () => "done")).toBe("done");
    expect(calls()).toBe(3);
  });

  it("gives up after the last attempt, and never retries other errors", async () => {
    const conflicts = fakeDb([{ code: "P2034" }, { code: "P2034" }]);
    await expect(transactionWithRetry(conflicts.db, async () => "done", 2)).rejects.toEqual({ code: "P2034" });
    const other = fakeDb([new Error("unique")]);
    await expect(transactionWithRetry(other.db, async () => "done")).rejects.toThrow("unique");
    expect(other.calls()).toBe(1);
  });
});
