/**
 * SQS operations (awsJson1.0 with awsQuery-compatible errors) on the caller's queues in the
 * call's region: ListQueues (QueueNamePrefix, MaxResults/NextToken; QueueUrls left out when
 * there are none) and GetQueueAttributes (named attributes or "All"; Policy left out when the
 * queue has none). An unknown queue is QueueDoesNotExist, sent with the awsQuery code
 * AWS.SimpleQueueService.NonExistentQueue in `x-amzn-query-error` (services.ts).
 */
import { type ServiceContext, callerResources, intParam, listParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { unitFor } from "./prng";
import type { FakePolicyResource } from "./types";

const ATTRIBUTES = [
  "Policy",
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "SqsManagedSseEnabled",
];

export async function handleSqs(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const queues = inRegion(resources.queues);
  const account = ctx.caller.accountId;
  switch (operation) {
    case "ListQueues": {
      const prefix = stringParam(params.QueueNamePrefix) ?? "";
      const listed = queues.filter((q) => q.name.startsWith(prefix));
      const max = intParam(params.MaxResults);
      if (max !== undefined && !(max >= 1 && max <= 1000)) throw invalidParameter("Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
      const scope = `ListQueues/${account}/${ctx.region}/${prefix}`;
      const token = stringParam(params.NextToken);
      const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
      if (offset === undefined) throw invalidParameter("Invalid NextToken value.");
      const end = Math.min(listed.length, offset + pageSize(max, 1000, ctx.faults.maxItemsCap));
      const urls = listed.slice(offset, end).map((q) => `https://sqs.${ctx.region}.amazonaws.com/${account}/${q.name}`);
      return { ...(urls.length > 0 ? { QueueUrls: urls } : {}), ...(end < listed.length ? { NextToken: encodeCursor(scope, { offset: end }) } : {}) };
    }
    case "GetQueueAttributes": {
      const url = stringParam(params.QueueUrl) ?? "";
      const [, owner, name] = /\/(\d{12})\/([^/]+)\/?$/.exec(url) ?? [];
      const queue = owner === account ? queues.find((q) => q.name === name) : undefined;
      if (!queue) throw new AwsApiError("QueueDoesNotExist", 400, "The specified queue does not exist.");
      const names = listParam(params.AttributeNames);
      const unknown = names.find((n) => n !== "All" && !ATTRIBUTES.includes(n));
      if (unknown !== undefined) throw new AwsApiError("InvalidAttributeName", 400, `Unknown Attribute ${unknown}.`);
      const all = attributes(ctx, queue);
      const wanted = names.includes("All") ? Object.keys(all) : names;
      const picked = Object.fromEntries(wanted.filter((n) => all[n] !== undefined).map((n) => [n, all[n]]));
      return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
    }
    default:
      throw new AwsApiError("UnsupportedOperation", 400, `The fake does not serve ${operation}`);
  }
}

function attributes(ctx: ServiceContext, queue: FakePolicyResource): Record<string, string | undefined> {
  const created = String(Math.floor(Date.UTC(2023, 0, 1) / 1000 + unitFor("queue", ctx.caller.accountId, queue.name) * 365 * 86_400));
  return {
    Policy: queue.policy === undefined ? undefined : policyText(queue.policy),
    QueueArn: `arn:aws:sqs:${ctx.region}:${ctx.caller.accountId}:${queue.name}`,
    ApproximateNumberOfMessages: "0",
    ApproximateNumberOfMessagesNotVisible: "0",
    ApproximateNumberOfMessagesDelayed: "0",
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: "30",
    MaximumMessageSize: "262144",
    MessageRetentionPeriod: "345600",
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    SqsManagedSseEnabled: "true",
  };
}

function invalidParameter(message: string): AwsApiError {
  return new AwsApiError("InvalidParameterValue", 400, message);
}
