/** lib/db/vendorEvents: parties that came, went, or only changed names during a scan. */
import { describe, expect, it } from "vitest";
import { vendorEvents, type PartyAccounts } from "@/lib/db/vendorEvents";

const parties = (entries: Record<string, string[]>): PartyAccounts => new Map(Object.entries(entries).map(([p, a]) => [p, new Set(a)]));
const lines = (before: Record<string, string[]>, after: Record<string, string[]>) => vendorEvents(parties(before), parties(after)).map((e) => `${e.kind} ${e.summary}`);

describe("vendor events", () => {
  it("says a party appeared or lost its last access", () => {
    expect(lines({ "vendor:Datadog": ["464622532012"] }, { "vendor:Snyk": ["198449067068"] })).toEqual([
      "VENDOR_APPEARED New party with access: Snyk",
      "VENDOR_DISAPPEARED Datadog no longer has access to any account",
    ]);
    expect(lines({}, { anyone: [] })).toEqual(["VENDOR_APPEARED New party with access: Anyone (public trust)"]);
  });

  it("calls an account now held under a name a rename, not new access nor access removed", () => {
    expect(lines({ "account:777766665555": ["777766665555"] }, { "vendor:Acme Billing": ["777766665555"] })).toEqual(["ATTRIBUTED Unknown account 777766665555 is now Acme Billing"]);
    // Named after a vendor that already had access elsewhere.
    expect(lines({ "account:777766665555": ["777766665555"], "vendor:Acme Billing": ["111122223333"] }, { "vendor:Acme Billing": ["111122223333", "777766665555"] })).toEqual([
      "ATTRIBUTED Unknown account 777766665555 is now Acme Billing",
    ]);
  });

  it("still reports the new part of a renamed party's access, and a party whose access really went", () => {
    expect(lines({ "account:777766665555": ["777766665555"], "account:222233334444": ["222233334444"] }, { "vendor:Acme Billing": ["777766665555", "555566667777"] })).toEqual([
      "VENDOR_APPEARED New party with access: Acme Billing",
      "VENDOR_DISAPPEARED Unknown account 222233334444 no longer has access to any account",
      "ATTRIBUTED Unknown account 777766665555 is now Acme Billing",
    ]);
  });
});
