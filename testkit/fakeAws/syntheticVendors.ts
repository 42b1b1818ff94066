/**
 * The third parties synthetic roles trust: real vendor account ids from the fwd:cloudsec
 * known-AWS-accounts list first (most popular), then made-up vendors to a pool of 60.
 */
import { hash32 } from "./prng";

export interface SyntheticVendor {
  id: string;
  name: string;
  /** Whether the vendor's setup asks for an sts:ExternalId condition. */
  externalId: boolean;
}

const KNOWN: SyntheticVendor[] = [
  { id: "464622532012", name: "Datadog", externalId: true },
  { id: "454464851268", name: "Cloudhealth", externalId: true },
  { id: "754728514883", name: "New Relic", externalId: true },
  { id: "507897595701", name: "Rackspace", externalId: true },
  { id: "434813966438", name: "Lacework", externalId: true },
  { id: "976280145156", name: "Orca Security", externalId: true },
  { id: "956993596390", name: "Vanta", externalId: true },
  { id: "198361731867", name: "Snyk", externalId: true },
  { id: "926226587429", name: "Sumo Logic", externalId: true },
  { id: "758245563457", name: "Check Point", externalId: true },
  { id: "834469178297", name: "Fivetran", externalId: true },
  { id: "112543817624", name: "Splunk", externalId: true },
  { id: "761931097553", name: "Sysdig", externalId: true },
  { id: "391854517948", name: "Cloudflare", externalId: false },
  { id: "269135526815", name: "Drata", externalId: true },
  { id: "978540733285", name: "Aqua", externalId: true },
  { id: "352813966189", name: "CloudCheckr", externalId: true },
  { id: "865078226113", name: "Datadog", externalId: true },
];

export const VENDOR_POOL_SIZE = 60;

/** The vendor pool: the same for every seed, so vendor ids are stable across runs. */
export const SYNTHETIC_VENDORS: readonly SyntheticVendor[] = [
  ...KNOWN,
  ...Array.from({ length: VENDOR_POOL_SIZE - KNOWN.length }, (_, i) => {
    const n = i + 1;
    return {
      id: `7${String(hash32("vendor", n) % 1e11).padStart(11, "0")}`,
      name: `Vendor ${String(n).padStart(2, "0")}`,
      externalId: hash32("vendor-external-id", n) % 10 < 6,
    };
  }),
];

export function vendorSlug(vendor: SyntheticVendor): string {
  return vendor.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
