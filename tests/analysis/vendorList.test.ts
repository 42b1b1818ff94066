import { readFileSync } from "node:fs";
import { sharedData } from "@/testkit/sharedData";
import { describe, expect, it } from "vitest";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";

const KNOWN = sharedData("known_aws_accounts.yaml");

describe("vendor lists", () => {
  it("read the fwd:cloudsec known accounts list, keyed on account id", () => {
    const { entries, problems } = parseVendorList(readFileSync(KNOWN, "utf8"), "known");
    expect(problems).toEqual([]);
    const directory = new VendorDirectory(entries);
    expect(directory.lookup("464622532012")).toMatchObject({ name: "Datadog", type: "vendor", source: "known" });
    expect(directory.lookup("127311923021")).toMatchObject({ name: "ELB logs", type: "aws" });
    expect(directory.size).toBeGreaterThan(300);
  });

  it("let the user's own mappings win over the known list", () => {
    const known = parseVendorList("- name: Datadog\n  accounts: ['464622532012']\n", "known").entries;
    const user = parseVendorList("- name: Datadog (EU tenant)\n  accounts: ['464622532012']\n", "user").entries;
    expect(new VendorDirectory(known, user).lookup("464622532012")).toMatchObject({ name: "Datadog (EU tenant)", source: "user" });
  });

  it("keep leading zeros YAML would drop, skip disabled entries, and report bad ids", () => {
    const { entries, problems } = parseVendorList(
      "- name: Zero\n  accounts: [012345678901]\n- name: Off\n  enabled: false\n  accounts: ['111111111111']\n- name: Bad\n  accounts: ['12345']\n- accounts: ['222222222222']\n",
      "user",
    );
    expect(entries.map((e) => [e.name, e.accountId])).toEqual([["Zero", "012345678901"]]);
    expect(problems).toEqual(['entry 3 (Bad): "12345" is not a 12-digit account id', "entry 4 has no name"]);
  });

  it("report a file that is not a list or not YAML", () => {
    expect(parseVendorList("name: x", "user").problems).toEqual(["expected a list of {name, accounts} entries"]);
    expect(parseVendorList("- [unclosed", "user").problems[0]).toMatch(/^not valid YAML/);
  });
});
