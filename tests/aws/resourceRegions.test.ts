import { describe, expect, it } from "vitest";
import { configuredRegions, RegionListError, resourcesEnabled } from "@/lib/aws/resources/regions";

describe("which regions a scan reads resources in", () => {
  it("asks each account for its enabled regions when VENDORSCOPE_REGIONS is unset or blank", () => {
    expect(configuredRegions(undefined)).toBeNull();
    expect(configuredRegions("  ")).toBeNull();
  });

  it("reads the comma list, trimmed, once each, in order", () => {
    expect(configuredRegions(" eu-west-1,us-east-1, eu-west-1 ,,us-gov-west-1")).toEqual(["eu-west-1", "us-east-1", "us-gov-west-1"]);
  });

  it("refuses what is not a region name, naming it", () => {
    expect(() => configuredRegions("us-east-1,europe")).toThrow(RegionListError);
    expect(() => configuredRegions("us-east-1,europe,EU-WEST-1")).toThrow('"europe", "EU-WEST-1" are not region names');
  });

  it("reads resources unless VENDORSCOPE_RESOURCES turns them off", () => {
    expect(resourcesEnabled(undefined)).toBe(true);
    expect(resourcesEnabled("on")).toBe(true);
    for (const off of ["off", "OFF", "0", "false", "no"]) expect(resourcesEnabled(off)).toBe(false);
  });
});
