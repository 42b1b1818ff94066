import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { prettyJsonPieces, writeJson } from "@/lib/cli/jsonOutput";
import { listOfParts } from "@/lib/analysis/listOfParts";
import { readInputDocuments } from "@/lib/collect/inputFiles";
import { runCli } from "../helpers/cli";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/", import.meta.url).pathname;

const serialised = (value: unknown) => [...prettyJsonPieces(value)].join("");
const text = (chunks: (string | Uint8Array)[]) => Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))).toString("utf8");

describe("streamed JSON output", () => {
  it("is JSON.stringify(value, null, 2), character for character", () => {
    const values: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [[], {}], d: null },
      { skipped: undefined, fn: () => 1, kept: 1, list: [undefined, () => 2, Symbol("s"), 3] },
      { when: new Date("2026-11-27T10:00:00Z"), nested: { when: new Date(0), deeper: { list: [{ x: "a\nb \"q\" \u2028 é" }] } } },
      { custom: { toJSON: (key: string) => `key was ${key}` }, arr: [{ toJSON: (key: string) => ({ index: key }) }] },
      [1, "two", true, null, [3, [4, [5]]], { six: { seven: [8] } }],
      { "key\nwith\tescapes": -0, big: 1e21, small: 1e-7 },
      // One object at several places of the leaf level (written once, reused), and at another depth too.
      ((shared) => ({ list: [{ a: shared, b: shared }, { c: shared }, shared], other: { deep: { deeper: [shared] } } }))({ x: [1, { y: "z" }], when: new Date(0) }),
      // Lists of shared parts, at the leaf level and deeper, some parts shared by several lists.
      ((a, b) => ({
        trusts: [
          { permissions: { destructive: listOfParts([a, b]), services: listOfParts([b, [], a]) } },
          { permissions: { destructive: listOfParts([a]), empty: listOfParts([[], []]) }, deeper: { more: { list: listOfParts([b, a]) } } },
        ],
        top: listOfParts([a, b]),
      }))(["ec2:DeleteVolume", "ec2:TerminateInstances"], [{ service: "s3", accessLevels: ["Read"], actions: 3 }, "é \u2028"]),
      "a string",
      42,
      null,
    ];
    for (const value of values) expect(serialised(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes a list of parts that was changed after it was built as it now is", () => {
    const list = listOfParts([["a", "b"], ["c"]]);
    list.push("d");
    const shorter = listOfParts([["a", "b"], ["c"]]);
    shorter.pop();
    const value = { trusts: [{ permissions: { list, shorter } }] };
    expect(serialised(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes the fixture organization's report exactly as one JSON.stringify did", async () => {
    const run = new AnalysisRun(new AccountAnalyzer(await loadActionCatalog()));
    for await (const doc of readInputDocuments(join(ACME, "exports"))) if ("value" in doc) run.add(doc.source, doc.value);
    const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
    const user = parseVendorList(readFileSync(join(ACME, "vendors.yaml"), "utf8"), "user").entries;
    const report = run.inventoryDocument({ vendors: new VendorDirectory(known, user), now: new Date("2026-11-27T00:00:00Z") });
    expect(report.trusts.length).toBeGreaterThan(10);

    const chunks: (string | Uint8Array)[] = [];
    await writeJson({ stdout: () => expect.unreachable("writes through io.write"), stderr: () => {}, write: async (data) => void chunks.push(data) }, report, 1024);
    expect(chunks.length).toBeGreaterThan(5);
    expect(text(chunks)).toBe(JSON.stringify(report, null, 2) + "\n");
  });

  it("prints the same bytes from the command line as the old one-string serialisation", async () => {
    const { code, stdout } = await runCli(["analyze", join(ACME, "exports"), "--vendors", join(ACME, "vendors.yaml"), "--as-of", "2026-11-27", "--json"]);
    expect(code).toBe(0);
    expect(stdout).toBe(JSON.stringify(JSON.parse(stdout), null, 2) + "\n");
  });

  it("starts writing before the document is serialised, and waits for stdout to take each chunk", async () => {
    let serialisedItems = 0;
    const items = Array.from({ length: 10_000 }, (_, i) => ({ toJSON: () => (serialisedItems++, { i, padding: "x".repeat(100) }) }));
    const pending: (() => void)[] = [];
    const written: (string | Uint8Array)[] = [];
    const write = (data: string | Uint8Array) => new Promise<void>((resolve) => (written.push(data), pending.push(resolve)));
    const done = writeJson({ stdout: () => {}, stderr: () => {}, write }, { trusts: items }, 64 * 1024);

    await new Promise((resolve) => setImmediate(resolve));
    // One chunk handed to stdout, which has not taken it yet: serialisation has stopped.
    expect(written).toHaveLength(1);
    const atFirstChunk = serialisedItems;
    expect(atFirstChunk).toBeGreaterThan(0);
    expect(atFirstChunk).toBeLessThan(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(serialisedItems).toBe(atFirstChunk);

    while (pending.length) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await done;
    expect(serialisedItems).toBe(10_000);
    // No chunk is much larger than asked for, however large the document.
    expect(Math.max(...written.map((w) => w.length))).toBeLessThan(64 * 1024 + 1_000);
    expect(JSON.parse(text(written))).toEqual({ trusts: Array.from({ length: 10_000 }, (_, i) => ({ i, padding: "x".repeat(100) })) });
  });
});
