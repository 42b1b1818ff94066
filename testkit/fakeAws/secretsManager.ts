/**
 * Secrets Manager operations on the caller's secrets in the call's region: ListSecrets
 * (MaxResults/NextToken) and GetResourcePolicy (SecretId a name, an ARN, or an ARN without
 * its random suffix; ResourcePolicy left out when the secret has none).
 */
import { type ServiceContext, callerResources, intParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { idFor, unitFor } from "./prng";

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export async function handleSecretsManager(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const account = ctx.caller.accountId;
  const secrets = inRegion(resources.secrets).map((secret) => {
    const partialArn = `arn:aws:secretsmanager:${ctx.region}:${account}:secret:${secret.name}`;
    return { ...secret, partialArn, arn: `${partialArn}-${idFor(SUFFIX_ALPHABET, 6, "secret", partialArn)}` };
  });
  switch (operation) {
    case "ListSecrets": {
      const max = intParam(params.MaxResults);
      if (max !== undefined && !(max >= 1 && max <= 100)) throw new AwsApiError("InvalidParameterException", 400, "MaxResults must be between 1 and 100.");
      const scope = `ListSecrets/${account}/${ctx.region}`;
      const token = stringParam(params.NextToken);
      const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
      if (offset === undefined) throw new AwsApiError("InvalidNextTokenException", 400, "The NextToken value is invalid.");
      const end = Math.min(secrets.length, offset + pageSize(max, 100, ctx.faults.maxItemsCap));
      return {
        SecretList: secrets.slice(offset, end).map((s) => {
          const created = Date.UTC(2023, 0, 1) / 1000 + Math.floor(unitFor("secret", s.arn) * 365 * 86_400);
          return { ARN: s.arn, Name: s.name, CreatedDate: created, LastChangedDate: created, SecretVersionsToStages: { [idFor("0123456789abcdef", 32, "version", s.arn)]: ["AWSCURRENT"] } };
        }),
        NextToken: end < secrets.length ? encodeCursor(scope, { offset: end }) : undefined,
      };
    }
    case "GetResourcePolicy": {
      const id = stringParam(params.SecretId) ?? "";
      const secret = secrets.find((s) => id === s.name || id === s.arn || id === s.partialArn);
      if (!secret) throw new AwsApiError("ResourceNotFoundException", 400, "Secrets Manager can't find the specified secret.");
      return { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.policy === undefined ? undefined : policyText(secret.policy) };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 400, `The fake does not serve ${operation}`);
  }
}
