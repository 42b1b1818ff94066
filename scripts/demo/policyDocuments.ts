/** IAM policy documents and the trust policies the demo roles use. */

export type Condition = Record<string, Record<string, string | string[]>>;
export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Condition;
}
export interface PolicyDoc {
  Version: "2012-10-17";
  Statement: Statement[];
}

export const doc = (...statements: Statement[]): PolicyDoc => ({ Version: "2012-10-17", Statement: statements });
export const allow = (action: string | string[], resource: string | string[] = "*", sid?: string): Statement => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: "Allow",
  Action: action,
  Resource: resource,
});

/** Trust: an AWS principal (account root, role ARN, unique id or "*") may call sts:AssumeRole. */
export function trustAws(principal: string | string[], condition?: Condition): PolicyDoc {
  return doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
}

export function trustService(service: string): PolicyDoc {
  return doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });
}

export function trustOidc(accountId: string, host: string, condition: Condition): PolicyDoc {
  return doc({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${host}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  });
}

export const externalId = (value: string): Condition => ({ StringEquals: { "sts:ExternalId": value } });
export const rootOf = (accountId: string) => `arn:aws:iam::${accountId}:root`;
export const roleArnIn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:role/${name}`;
