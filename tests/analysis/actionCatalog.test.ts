import { beforeAll, describe, expect, it } from "vitest";
import { ActionCatalog, splitAccessLevel } from "@/lib/analysis/actionCatalog";
import { loadActionCatalog } from "@/lib/catalog/iamActions";

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

describe("the action catalogue", () => {
  it("holds every documented AWS action", () => {
    expect(catalog.size).toBeGreaterThan(15_000);
    expect(catalog.indexOf("ec2:TerminateInstances")).toBeDefined();
    expect(catalog.indexOf("EC2:terminateinstances")).toBe(catalog.indexOf("ec2:TerminateInstances"));
  });

  it("splits compound access levels", () => {
    expect(splitAccessLevel("Permissions management, Write")).toEqual(["Permissions management", "Write"]);
    expect(catalog.accessLevels(catalog.indexOf("iam:AttachRolePolicy")!)).toEqual(["Write", "Permissions management"]);
    expect(catalog.accessLevels(catalog.indexOf("s3:GetObject")!)).toEqual(["Read"]);
  });

  it("expands patterns case-insensitively with * and ?", () => {
    const names = (p: string) => catalog.actionNames(catalog.match(p).actions);
    expect(names("s3:getobject")).toEqual(["s3:GetObject"]);
    expect(names("s3:GetObject*")).toContain("s3:GetObjectAcl");
    expect(names("s3:GetObject*").every((n) => n.startsWith("s3:GetObject"))).toBe(true);
    expect(names("iam:?etRole")).toEqual(["iam:GetRole"]);
    expect(names("*:TerminateInstances")).toContain("ec2:TerminateInstances");
    expect(catalog.match("*").actions.count()).toBe(catalog.size);
    expect(catalog.match("ec2:*").actions.count()).toBeGreaterThan(500);
  });

  it("reports an action it does not know instead of matching nothing silently", () => {
    expect(catalog.match("s3:GetObjectFromTheFuture").unknown).toBe("s3:getobjectfromthefuture");
    expect(catalog.match("s3:GetObjectFromTheFuture").actions.isEmpty()).toBe(true);
    expect(catalog.match("s3:Nothing*").unknown).toBeNull();
  });

  it("works on a catalogue of our own, for small examples", () => {
    const small = new ActionCatalog([
      { action: "svc:ReadThing", accessLevels: ["Read"] },
      { action: "svc:DeleteThing", accessLevels: ["Write"] },
    ]);
    expect(small.actionNames(small.match("svc:*Thing").actions)).toEqual(["svc:DeleteThing", "svc:ReadThing"]);
    expect(small.match("svc:*").actions.complement().isEmpty()).toBe(true);
  });
});
