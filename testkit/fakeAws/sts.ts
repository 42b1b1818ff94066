/**
 * STS operations: GetCallerIdentity, and AssumeRole, which issues temporary credentials bound
 * to the target account or refuses with AccessDenied (denied account, role name not
 * assumable, missing or wrong ExternalId, unknown account).
 */
import { type ServiceContext, intParam, stringParam } from "./context";
import { roleIdFor } from "./credentials";
import { AwsApiError } from "./errors";
import { isoSeconds } from "./queryProtocol";

export const DEFAULT_ASSUMABLE_ROLE_NAMES = ["OrganizationAccountAccessRole"];

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export async function handleSts(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  switch (operation) {
    case "GetCallerIdentity":
      return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
    case "AssumeRole":
      return assumeRole(ctx, params);
    default:
      throw new AwsApiError("InvalidAction", 400, `Could not find operation ${operation} for version 2011-06-15`);
  }
}

/** The account AssumeRole targets, for fault matching; undefined if the RoleArn is not one. */
export function assumeRoleTarget(params: Record<string, unknown>): string | undefined {
  return ROLE_ARN.exec(stringParam(params.RoleArn) ?? "")?.[1];
}

function assumeRole(ctx: ServiceContext, params: Record<string, unknown>): Record<string, unknown> {
  const roleArn = stringParam(params.RoleArn);
  const sessionName = stringParam(params.RoleSessionName);
  if (roleArn === undefined) throw validation("roleArn", "Member must not be null");
  if (sessionName === undefined) throw validation("roleSessionName", "Member must not be null");
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new AwsApiError("ValidationError", 400, `${roleArn} is invalid`);
  if (!SESSION_NAME.test(sessionName)) {
    throw validation("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*", sessionName);
  }
  const duration = intParam(params.DurationSeconds) ?? 3600;
  if (!(duration >= 900 && duration <= 43200)) {
    throw validation("durationSeconds", "Member must have value between 900 and 43200", String(params.DurationSeconds));
  }
  const accountId = match[1]!;
  const roleName = match[2]!;

  const { faults } = ctx;
  const assumable = faults.assumableRoleNames ?? DEFAULT_ASSUMABLE_ROLE_NAMES;
  const requiredExternalId = faults.requireExternalId?.[accountId];
  const allowed =
    ctx.directory.get(accountId) !== undefined &&
    !(faults.denyAssumeRole ?? []).includes(accountId) &&
    (assumable.includes("*") || assumable.includes(roleName)) &&
    (requiredExternalId === undefined || requiredExternalId === stringParam(params.ExternalId));
  if (!allowed) {
    throw new AwsApiError("AccessDenied", 403, `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }

  const issued = ctx.credentials.issue(accountId, roleName, sessionName, duration);
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: isoSeconds(issued.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${roleIdFor(accountId, roleName)}:${sessionName}`,
      Arn: issued.caller.arn,
    },
  };
}

function validation(member: string, constraint: string, value?: string): AwsApiError {
  const shown = value === undefined ? "null" : `'${value}'`;
  return new AwsApiError("ValidationError", 400, `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
