/**
 * lib/scan/runners/accountQueue: workers and a coordinator that start together on a new
 * database all get the queue. pg-boss creates a queue with DDL that can deadlock when two
 * processes do it at once; PostgreSQL then aborts one of them, and that one must try again
 * (CI saw a queued scan fail with "deadlock detected" this way).
 */
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT_QUEUE, openQueue, queueSettings } from "@/lib/scan/runners/accountQueue";
import { createPostgresDatabase } from "@/testkit/database";

const servers: Awaited<ReturnType<typeof createPostgresDatabase>>[] = [];
afterAll(async () => {
  for (const s of servers) await s.drop();
});

describe("the account queue", () => {
  it("is created once when many processes open it at the same moment on a new database", async () => {
    for (let round = 0; round < 5; round++) {
      const server = await createPostgresDatabase();
      servers.push(server);
      const settings = queueSettings({ VENDORSCOPE_QUEUE_MAINTENANCE_SECONDS: "3600" });
      const opened = await Promise.allSettled(Array.from({ length: 8 }, () => openQueue(server.url, settings)));
      const failures = opened.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []));
      for (const o of opened) if (o.status === "fulfilled") await o.value.stop({ graceful: false, wait: true });
      expect(failures, `round ${round}`).toEqual([]);
      const boss = await openQueue(server.url, settings);
      expect((await boss.getQueue(ACCOUNT_QUEUE))?.name).toBe(ACCOUNT_QUEUE);
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
