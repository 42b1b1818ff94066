/** Secrets Manager resource policies: ListSecrets, then GetResourcePolicy (no ResourcePolicy: the secret has none). */
import { GetResourcePolicyCommand, paginateListSecrets, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const secretsManagerReader: ResourceReader = {
  services: ["secretsmanager"],
  sdkService: "secretsmanager",
  async read(ctx) {
    const client = ctx.client(SecretsManagerClient, "secretsmanager");
    const secrets = await allPages(paginateListSecrets({ client, pageSize: 100 }, {}), (page) => page.SecretList);
    const named = secrets.filter((s) => s.ARN);
    await ctx.each(named, "secretsmanager", (s) => s.ARN!, async (secret) => {
      const answer = await absentIsNothing(() => client.send(new GetResourcePolicyCommand({ SecretId: secret.ARN! })), /^ResourceNotFound/);
      if (answer?.ResourcePolicy) ctx.policy("secretsmanager", secret.ARN!, answer.ResourcePolicy);
    });
  },
};
