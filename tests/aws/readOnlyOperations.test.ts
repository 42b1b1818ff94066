import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iamActions, MANAGEMENT_ACCOUNT_OPERATIONS, MEMBER_ACCOUNT_OPERATIONS, READ_ONLY_OPERATIONS } from "@/lib/aws/readOnlyOperations";

const ROOT = new URL("../../", import.meta.url).pathname;
/** The SDK package name → the operations' service prefix, where they differ. */
const SERVICE_PREFIX: Record<string, string> = { "secrets-manager": "secretsmanager", accessanalyzer: "access-analyzer" };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every AWS operation the product's code can call: `new XCommand(` and `paginateX(` from @aws-sdk/client-*. */
function operationsInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of [...sourceFiles(join(ROOT, "lib")), ...sourceFiles(join(ROOT, "app"))]) {
    const text = readFileSync(file, "utf8");
    for (const imp of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-([a-z0-9-]+)"/g)) {
      const service = SERVICE_PREFIX[imp[2]!] ?? imp[2]!;
      for (const name of imp[1]!.split(",").map((n) => n.replace(/^\s*type\s+/, "").trim())) {
        const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (op) found.set(`${service}:${op}`, [...(found.get(`${service}:${op}`) ?? []), file.slice(ROOT.length)]);
      }
    }
  }
  return found;
}

function policyActions(markdown: string): string[][] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => {
    const doc = JSON.parse(m[1]!) as { Statement: { Action: string | string[] }[] };
    return doc.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
  });
}

describe("the scanner's AWS access", () => {
  it("calls only the documented read-only operations", () => {
    const used = operationsInCode();
    expect([...used.keys()].filter((op) => !READ_ONLY_OPERATIONS.includes(op))).toEqual([]);
    // …and the list is not stale: everything on it is used somewhere.
    expect(READ_ONLY_OPERATIONS.filter((op) => !used.has(op))).toEqual([]);
  });

  it("has only Describe/List/Get operations, plus AssumeRole and GenerateCredentialReport", () => {
    for (const op of READ_ONLY_OPERATIONS) expect(op).toMatch(/:(Describe|List|Get)\w+$|^sts:AssumeRole$|^iam:GenerateCredentialReport$/);
  });

  it("documents IAM policies that grant exactly those operations", () => {
    const [scanner, member, trust] = policyActions(readFileSync(join(ROOT, "docs/aws-permissions.md"), "utf8"));
    const needsPermission = iamActions(READ_ONLY_OPERATIONS.filter((op) => op !== "sts:GetCallerIdentity"));
    expect(new Set(scanner)).toEqual(new Set(iamActions([...MANAGEMENT_ACCOUNT_OPERATIONS.filter((op) => op !== "sts:GetCallerIdentity"), ...MEMBER_ACCOUNT_OPERATIONS])));
    expect(new Set(member)).toEqual(new Set(iamActions(MEMBER_ACCOUNT_OPERATIONS)));
    expect(trust).toEqual(["sts:AssumeRole"]);
    expect(new Set([...scanner!, ...member!])).toEqual(new Set(needsPermission));
  });
});
