import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { excessiveNesting } from "@/lib/analysis/jsonNesting";
import { parsePolicyDocument, PolicyError } from "@/lib/analysis/policyDocument";
import { accountOfFile, readInputDocument } from "@/lib/collect/inputFiles";

describe("JSON nesting depth", () => {
  it("finds the bracket that opens one level too many, without recursion", () => {
    expect(excessiveNesting('{"a":[{"b":[]}]}', 4)).toBe(-1);
    expect(excessiveNesting('{"a":[{"b":[[]]}]}', 4)).toBe(12);
    expect(excessiveNesting("[".repeat(1_000_000) + "]".repeat(1_000_000))).toBe(64);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(excessiveNesting(JSON.stringify({ s: "[[[[[[", t: 'say \\"[[[[\\" "{{{{', u: "\\\\" }), 2)).toBe(-1);
    expect(excessiveNesting(JSON.stringify(["\\\\", [[]]]), 2)).toBe(9);
  });

  it("refuses a deeply nested policy document, URL-encoded or not, with a policy error", () => {
    const deep = `{"Statement":[{"Effect":"Allow","Action":"*","Resource":${"[".repeat(5000)}${"]".repeat(5000)}}]}`;
    for (const raw of [deep, encodeURIComponent(deep)]) {
      expect(() => parsePolicyDocument(raw)).toThrow(PolicyError);
      expect(() => parsePolicyDocument(raw)).toThrow(/nested deeper than 64 levels/);
    }
  });
});

describe("reading input files", () => {
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-input-"));
  const file = (name: string, content: string | Buffer) => (writeFileSync(join(dir, name), content), join(dir, name));

  it.each([
    ["truncated.json", '{"RoleDetailList": [', true],
    ["export.txt", '  {"RoleDetailList": [', true],
    ["garbage", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]), true],
    ["nested.json", "[".repeat(5000) + "]".repeat(5000), true],
    ["README.md", "# Exports\n\nMade on Tuesday.\n", false],
  ] as const)("says whether %s is a broken input or only not one", async (name, content, broken) => {
    const doc = await readInputDocument(file(name, content));
    expect(doc).toMatchObject({ source: join(dir, name), broken });
    expect((doc as { error: string }).error).not.toMatch(/\u0000/);
  });

  it("names the account a file came from by its id or its organization name", () => {
    const members = [{ id: "210000000002", name: "acme-prod" }, { id: "210000000003", name: "acme-staging" }];
    expect(accountOfFile("/x/123456789012-authz.json")).toBe("123456789012");
    expect(accountOfFile("/x/export-1234567890123.json")).toBeNull();
    expect(accountOfFile("/x/acme-staging.json", members)).toBe("210000000003");
    expect(accountOfFile("/x/ACME-PROD_authz.json", members)).toBe("210000000002");
    // Two members named in the file name: ambiguous.
    expect(accountOfFile("/x/acme-prod.prod.json", [...members, { id: "210000000009", name: "prod" }])).toBeNull();
    expect(accountOfFile("/x/production.json", members)).toBeNull();
  });
});
