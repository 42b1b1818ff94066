/** How many processes serve the dashboard (scripts/server.mjs; the processes themselves: tests/e2e/webProcesses.spec.ts). */
import { describe, expect, it } from "vitest";
import { MAX_AUTO_PROCESSES, webProcesses } from "@/scripts/webProcesses.mjs";

const POSTGRES = { DATABASE_URL: "postgresql://db.internal/vendorscope" };

describe("web processes", () => {
  it("are one per core on PostgreSQL by default, at most four", () => {
    expect(webProcesses(POSTGRES, 2)).toBe(2);
    expect(webProcesses({ ...POSTGRES, VENDORSCOPE_WEB_PROCESSES: "auto" }, 1)).toBe(1);
    expect(webProcesses(POSTGRES, 32)).toBe(MAX_AUTO_PROCESSES);
    expect(MAX_AUTO_PROCESSES).toBe(4);
  });

  it("are one on the embedded database, which one process owns; DATABASE_URL means PostgreSQL, as the server decides", () => {
    expect(webProcesses({}, 8)).toBe(1);
    expect(webProcesses({ DATABASE_URL: "" }, 8)).toBe(1);
    expect(webProcesses({ VENDORSCOPE_DATA_DIR: "/var/lib/vendorscope" }, 8)).toBe(1);
    expect(webProcesses({ ...POSTGRES, VENDORSCOPE_DATA_DIR: "/var/lib/vendorscope" }, 8)).toBe(4);
    expect(webProcesses({ VENDORSCOPE_WEB_PROCESSES: "1" }, 8)).toBe(1);
  });

  it("take an explicit count, and refuse nonsense or more than one process on the embedded database", () => {
    expect(webProcesses({ ...POSTGRES, VENDORSCOPE_WEB_PROCESSES: " 6 " }, 2)).toBe(6);
    for (const bad of ["0", "-1", "1.5", "lots", "65"]) {
      expect(() => webProcesses({ ...POSTGRES, VENDORSCOPE_WEB_PROCESSES: bad }, 2)).toThrow(`VENDORSCOPE_WEB_PROCESSES=${bad}: use a number from 1 to 64, or auto`);
    }
    expect(() => webProcesses({ VENDORSCOPE_WEB_PROCESSES: "2" }, 2)).toThrow("VENDORSCOPE_WEB_PROCESSES=2 needs PostgreSQL (DATABASE_URL): the embedded database is served by one process");
  });
});
