/**
 * The organization's SCPs and RCPs, read from the management account (or a delegated
 * administrator): ListPolicies for each type, then each policy's document (DescribePolicy)
 * and targets (ListTargetsForPolicy), a few at a time. The tree comes from the walk that
 * found each account's OU path. Read-only; without access, the scan says so once.
 */
import { DescribePolicyCommand, paginateListPolicies, paginateListTargetsForPolicy, type OrganizationsClient, type PolicyType } from "@aws-sdk/client-organizations";
import { emptyGuardrailInput, type GuardrailInput, type GuardrailType } from "../analysis/guardrails/organizationPolicies";
import { Limiter } from "../concurrency";
import { describeAwsError, hasErrorCode } from "./awsErrors";
import type { OrganizationTree } from "./organizationReader";

const TYPES: [PolicyType, GuardrailType][] = [
  ["SERVICE_CONTROL_POLICY", "scp"],
  ["RESOURCE_CONTROL_POLICY", "rcp"],
];

export interface GuardrailRead {
  /** Null when the policies could not be listed. */
  input: GuardrailInput | null;
  notice: string | null;
}

export async function readGuardrails(organizations: OrganizationsClient, tree: OrganizationTree | null): Promise<GuardrailRead> {
  const input = emptyGuardrailInput();
  for (const [child, parent] of tree?.parents ?? []) input.parents.set(child, parent);
  for (const [id, name] of tree?.names ?? []) input.names.set(id, name);
  const limiter = new Limiter(4);
  const reads: Promise<void>[] = [];
  const failures: string[] = [];
  // Both types at once, and each policy as soon as it is listed: the scan waits for this before its accounts.
  const listed = await Promise.all(
    TYPES.map(async ([filter, type]) => {
      try {
        for await (const page of paginateListPolicies({ client: organizations }, { Filter: filter })) {
          for (const summary of page.Policies ?? []) {
            if (!summary.Id) continue;
            const id = summary.Id;
            input.policies.set(id, { id, name: summary.Name ?? id, type, content: null });
            reads.push(limiter.run(() => readPolicy(organizations, input, id, failures)));
          }
        }
        return null;
      } catch (error) {
        return hasErrorCode(error, /^PolicyTypeNotEnabledException$/) ? null : error;
      }
    }),
  );
  await Promise.all(reads);
  const refused = listed.find((error) => error !== null);
  if (refused) return { input: null, notice: `Guardrails (SCPs and RCPs) not read: ${describeAwsError(refused)}; access is shown as the roles' own policies allow it` };
  const notice = failures.length > 0 ? `Guardrails: ${failures.length} ${failures.length === 1 ? "policy" : "policies"} not read in full and not applied: ${failures.slice(0, 5).join("; ")}${failures.length > 5 ? "; …" : ""}` : null;
  return { input, notice };
}

async function readPolicy(organizations: OrganizationsClient, input: GuardrailInput, id: string, failures: string[]): Promise<void> {
  try {
    const targets = new Set<string>();
    const [described] = await Promise.all([
      organizations.send(new DescribePolicyCommand({ PolicyId: id })),
      (async () => {
        for await (const page of paginateListTargetsForPolicy({ client: organizations }, { PolicyId: id })) {
          for (const t of page.Targets ?? []) {
            if (!t.TargetId) continue;
            targets.add(t.TargetId);
            if (t.Name) input.names.set(t.TargetId, t.Name);
          }
        }
      })(),
    ]);
    const policy = input.policies.get(id)!;
    if (described.Policy?.Content) policy.content = described.Policy.Content;
    input.targets.set(id, targets);
  } catch (error) {
    input.policies.get(id)!.content = null;
    input.targets.delete(id);
    failures.push(`${id}: ${describeAwsError(error)}`);
  }
}
