/**
 * The findings of a resource grant: the codes of the trust findings (lib/analysis/findings),
 * judged on what the resource's policy or share lets the party do. Each rule carries its own
 * explanation and fix, written for resources.
 */
import { FINDING, type FindingCode } from "../findings";
import type { Principal } from "../principals";

/** What the party can do to the resource, by the risk lists (lib/analysis/riskLists.ts). */
export interface ResourceReach {
  /** Reads the data itself: objects, plaintext, messages, secret values, images, or a copy of a disk or database. */
  data: boolean;
  write: boolean;
  destructive: boolean;
  /** Changes who may use the resource (its policy, grants or ACL). */
  permissions: boolean;
}

export interface ResourceFacts {
  principal: Principal;
  internal: boolean;
  vendor: string | null;
  awsService: string | null;
  reach: ResourceReach;
}

export interface ResourceFindingRule {
  code: FindingCode;
  title: string;
  explanation: string;
  remediation: string;
  applies(facts: ResourceFacts): boolean;
}

export const RESOURCE_FINDING_RULES: readonly ResourceFindingRule[] = [
  {
    code: FINDING.WILDCARD_PRINCIPAL,
    title: "Anyone can use the resource",
    explanation:
      'The resource policy allows "*" (or everyone but a few principals), or the resource is shared publicly, and no condition limits callers to our organization or to named accounts.',
    remediation: "Name the accounts that need access, or restrict the statement with aws:PrincipalOrgID or aws:PrincipalAccount; stop sharing the snapshot or image publicly.",
    applies: ({ principal, internal }) => !internal && principal.kind === "wildcard",
  },
  {
    code: FINDING.UNKNOWN_VENDOR,
    title: "Granted to an account with no known owner",
    explanation: "The account the resource is granted or shared to is neither in our organization, nor in the known vendor list, nor in our own vendor mappings.",
    remediation: "Identify the account's owner and record it as a vendor mapping, or remove the grant.",
    applies: ({ principal, internal, vendor, awsService }) => !internal && vendor === null && awsService === null && principal.kind !== "wildcard",
  },
  {
    code: FINDING.PRIVILEGE_ESCALATION,
    title: "Can change who may use the resource",
    explanation: "The grant includes permissions-management actions on the resource (its policy, grants or ACL): the party can give itself, or anyone, more access to it.",
    remediation: "Remove the permissions-management actions (such as kms:PutKeyPolicy, kms:CreateGrant, s3:PutBucketPolicy) from the statement.",
    applies: ({ reach }) => reach.permissions,
  },
  {
    code: FINDING.DESTRUCTIVE_ACTIONS,
    title: "Can delete or destroy the resource or its data",
    explanation: "The grant includes destructive actions on the resource (deleting objects, scheduling a key's deletion, purging a queue, deleting a secret or images).",
    remediation: "Grant only the read or write actions the vendor's integration uses.",
    applies: ({ reach }) => reach.destructive,
  },
  {
    code: FINDING.DATA_ACCESS,
    title: "Can read the data",
    explanation:
      "The party can read the data itself: objects, decrypted plaintext, messages, secret values or images, or it holds a shared snapshot or image: a full copy it can restore in its own account, out of reach of our policies.",
    remediation: "Limit the grant to the objects or keys the vendor processes, and add conditions (aws:SourceArn of the vendor's resource, aws:SourceVpce); stop sharing snapshots that are no longer needed.",
    applies: ({ reach }) => reach.data,
  },
  {
    code: FINDING.WRITE_ACCESS,
    title: "Can write to the resource",
    explanation: "The grant includes write actions: the party can change the resource or put data into it.",
    remediation: "Grant only the actions the vendor's integration uses.",
    applies: ({ reach }) => reach.write,
  },
];

export function resourceFindingsFor(facts: ResourceFacts): FindingCode[] {
  return RESOURCE_FINDING_RULES.filter((rule) => rule.applies(facts)).map((rule) => rule.code);
}

export function resourceFindingTitle(code: string): string {
  return RESOURCE_FINDING_RULES.find((rule) => rule.code === code)?.title ?? code;
}
