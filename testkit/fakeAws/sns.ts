/**
 * SNS operations on the caller's topics in the call's region: ListTopics (100 a page,
 * NextToken) and GetTopicAttributes (an entry/key/value map with Policy — SNS's owner-only
 * default policy when the fixture gives none —, TopicArn, Owner and the subscription counts;
 * NotFound for an unknown topic).
 */
import { type ServiceContext, callerResources, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { XmlMap } from "./queryProtocol";

const PAGE = 100;

export async function handleSns(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const account = ctx.caller.accountId;
  const topics = inRegion(resources.topics).map((topic) => ({ ...topic, arn: `arn:aws:sns:${ctx.region}:${account}:${topic.name}` }));
  switch (operation) {
    case "ListTopics": {
      const scope = `ListTopics/${account}/${ctx.region}`;
      const token = stringParam(params.NextToken);
      const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
      if (offset === undefined) throw new AwsApiError("InvalidParameter", 400, "Invalid parameter: NextToken");
      const end = Math.min(topics.length, offset + pageSize(PAGE, PAGE, ctx.faults.maxItemsCap));
      return { Topics: topics.slice(offset, end).map((t) => ({ TopicArn: t.arn })), NextToken: end < topics.length ? encodeCursor(scope, { offset: end }) : undefined };
    }
    case "GetTopicAttributes": {
      const arn = stringParam(params.TopicArn) ?? "";
      const topic = topics.find((t) => t.arn === arn);
      if (!topic) throw new AwsApiError("NotFound", 404, "Topic does not exist");
      return {
        Attributes: new XmlMap({
          Policy: policyText(topic.policy ?? defaultPolicy(topic.arn, account)),
          Owner: account,
          TopicArn: topic.arn,
          DisplayName: "",
          SubscriptionsConfirmed: "0",
          SubscriptionsPending: "0",
          SubscriptionsDeleted: "0",
          EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 } } }),
        }),
      };
    }
    default:
      throw new AwsApiError("InvalidAction", 400, `The fake does not serve ${operation}`);
  }
}

/** The policy SNS gives a topic created without one: every action, for the owner account only. */
function defaultPolicy(topicArn: string, account: string): unknown {
  return {
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
        Resource: topicArn,
        Condition: { StringEquals: { "AWS:SourceOwner": account } },
      },
    ],
  };
}
