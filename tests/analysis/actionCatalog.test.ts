import { beforeAll, describe, expect, it } from "vitest";
import { ActionCatalog, splitAccessLevel } from "@/lib/analysis/actionCatalog";
import type { ActionSet } from "@/lib/analysis/actionSet";
import { partsOf } from "@/lib/analysis/listOfParts";
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

  it("names a set's actions in a category service by service, sharing each part between sets that hold the same of it", () => {
    const category = catalog.match("*:Delete*").actions.union(catalog.match("*:Terminate*").actions);
    const sets = ["*", "ec2:*", "ec2:Delete*", "ec2:DeleteVolume", "s3:Get*", "iam:*", "ec2:Terminate*"].map((p) => catalog.match(p).actions);
    sets.push(sets[1]!.union(sets[5]!), sets[2]!.union(sets[4]!), catalog.empty());
    for (const set of sets) expect(catalog.categoryActionNames(set, category)).toEqual(catalog.actionNames(set.intersect(category)));

    const parts = (set: ActionSet) => partsOf(catalog.categoryActionNames(set, category))!;
    const ec2All = parts(catalog.match("ec2:*").actions);
    expect(ec2All).toHaveLength(1);
    // Everything holds all of ec2's category actions: the same part, not a copy.
    expect(parts(catalog.all()).some((part) => part === ec2All[0])).toBe(true);
    // Holding some of them: a part of its own, shared with every set holding the same ones.
    const someEc2 = parts(catalog.match("ec2:Delete*").actions)[0]!;
    expect(someEc2).not.toBe(ec2All[0]);
    expect(parts(catalog.match("ec2:Delete*").actions.union(catalog.match("s3:Get*").actions))[0]).toBe(someEc2);
  });
});
