/**
 * The regions whose resources a scan reads: VENDORSCOPE_REGIONS (a comma list) when set,
 * else the regions enabled for each account (EC2 DescribeRegions answers only those).
 */
import { DescribeRegionsCommand, type EC2Client } from "@aws-sdk/client-ec2";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export class RegionListError extends Error {
  override name = "RegionListError";
}

/** The configured regions, or null when the account's enabled regions are to be asked. */
export function configuredRegions(value: string | undefined = process.env.VENDORSCOPE_REGIONS): string[] | null {
  if (value === undefined || value.trim() === "") return null;
  const regions = [...new Set(value.split(",").map((r) => r.trim()).filter((r) => r !== ""))];
  const bad = regions.filter((r) => !REGION.test(r));
  if (bad.length > 0) throw new RegionListError(`VENDORSCOPE_REGIONS: ${bad.map((r) => `"${r}"`).join(", ")} ${bad.length === 1 ? "is not a region name" : "are not region names"} (e.g. us-east-1,eu-west-1)`);
  return regions.sort();
}

export async function enabledRegions(ec2: EC2Client): Promise<string[]> {
  const answer = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (answer.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
}

/** VENDORSCOPE_RESOURCES=off turns the resource read off (the scan then reads IAM only; stored grants are kept). */
export function resourcesEnabled(value: string | undefined = process.env.VENDORSCOPE_RESOURCES): boolean {
  return !/^(off|0|false|no)$/i.test((value ?? "").trim());
}
