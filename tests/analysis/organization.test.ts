import { readFileSync } from "node:fs";
import { sharedData } from "@/testkit/sharedData";
import { describe, expect, it } from "vitest";
import { isListAccountsOutput, mergeOrganizations, parseListAccounts } from "@/lib/analysis/organization";

const wire = (name: string) => JSON.parse(readFileSync(sharedData("aws-wire", name), "utf8"));

describe("list-accounts output", () => {
  it("gives the organization id and management account from the account ARNs", () => {
    const page1 = wire("org-ListAccounts-page1.json");
    expect(isListAccountsOutput(page1)).toBe(true);
    const org = parseListAccounts(page1);
    expect(org.orgId).toMatch(/^o-[a-z0-9]+$/);
    expect(org.managementAccountId).toMatch(/^\d{12}$/);
    expect(org.accounts.length).toBeGreaterThan(0);
  });

  it("merges pages into one organization", () => {
    const pages = [wire("org-ListAccounts-page1.json"), wire("org-ListAccounts-page2.json")].map(parseListAccounts);
    const merged = mergeOrganizations(pages)!;
    expect(merged.accounts.length).toBe(pages[0]!.accounts.length + pages[1]!.accounts.length);
    expect(merged.orgId).toBe(pages[0]!.orgId);
  });
});
