/** Organizations outputs as the AWS CLI prints them (describe-policy, list-targets-for-policy, list-parents), for tests. */

export type PolicyTypeName = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

export function describePolicy(id: string, name: string, type: PolicyTypeName, document: unknown) {
  return {
    Policy: {
      PolicySummary: { Id: id, Arn: `arn:aws:organizations::100000000001:policy/o-acme12345/${type.toLowerCase()}/${id}`, Name: name, Description: "", Type: type, AwsManaged: id === "p-FullAWSAccess" },
      Content: JSON.stringify(document),
    },
  };
}

export function listTargets(...targets: string[]) {
  return {
    Targets: targets.map((id) => ({
      TargetId: id,
      Arn: `arn:aws:organizations::100000000001:${id.startsWith("r-") ? "root" : id.startsWith("ou-") ? "ou" : "account"}/o-acme12345/${id}`,
      Name: id.startsWith("r-") ? "Root" : `name-${id}`,
      Type: id.startsWith("r-") ? "ROOT" : id.startsWith("ou-") ? "ORGANIZATIONAL_UNIT" : "ACCOUNT",
    })),
  };
}

export function listParents(parentId: string) {
  return { Parents: [{ Id: parentId, Type: parentId.startsWith("r-") ? "ROOT" : "ORGANIZATIONAL_UNIT" }] };
}

export const FULL_AWS_ACCESS = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
