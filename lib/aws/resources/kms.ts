/** Customer managed KMS keys' policies: ListKeys and ListAliases (AWS managed keys carry `alias/aws/…`), then GetKeyPolicy. */
import { GetKeyPolicyCommand, KMSClient, paginateListAliases, paginateListKeys } from "@aws-sdk/client-kms";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const kmsReader: ResourceReader = {
  services: ["kms"],
  sdkService: "kms",
  async read(ctx) {
    const client = ctx.client(KMSClient, "kms");
    const [keys, aliases] = await Promise.all([
      allPages(paginateListKeys({ client, pageSize: 1000 }, {}), (page) => page.Keys),
      allPages(paginateListAliases({ client, pageSize: 100 }, {}), (page) => page.Aliases),
    ]);
    const awsManaged = new Set(aliases.filter((a) => a.AliasName?.startsWith("alias/aws/") && a.TargetKeyId).map((a) => a.TargetKeyId!));
    const customer = keys.filter((k) => k.KeyId && !awsManaged.has(k.KeyId));
    await ctx.each(customer, "kms", (k) => k.KeyArn ?? k.KeyId!, async (key) => {
      const answer = await absentIsNothing(() => client.send(new GetKeyPolicyCommand({ KeyId: key.KeyId!, PolicyName: "default" })), /^NotFound/);
      if (answer?.Policy) ctx.policy("kms", key.KeyArn ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${key.KeyId}`, answer.Policy);
    });
  },
};
