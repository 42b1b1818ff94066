/**
 * AWS RAM resource shares we own: every principal association in one paginated
 * GetResourceShareAssociations, then the permissions of each share that reaches outside the
 * organization (ListResourceSharePermissions).
 */
import { paginateGetResourceShareAssociations, paginateListResourceSharePermissions, RAMClient } from "@aws-sdk/client-ram";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const ramReader: ResourceReader = {
  services: ["ram"],
  sdkService: "ram",
  async read(ctx) {
    const client = ctx.client(RAMClient, "ram");
    const associations = await allPages(paginateGetResourceShareAssociations({ client, pageSize: 500 }, { associationType: "PRINCIPAL", associationStatus: "ASSOCIATED" }), (page) => page.resourceShareAssociations);
    const shares = new Map<string, { principals: string[]; external: boolean }>();
    for (const association of associations) {
      if (!association.resourceShareArn || !association.associatedEntity) continue;
      const share = shares.get(association.resourceShareArn) ?? { principals: [], external: false };
      share.principals.push(association.associatedEntity);
      share.external ||= association.external === true;
      shares.set(association.resourceShareArn, share);
    }
    await ctx.each([...shares], "ram", ([arn]) => arn, async ([arn, share]) => {
      const permissions = share.external
        ? ((await absentIsNothing(() => allPages(paginateListResourceSharePermissions({ client }, { resourceShareArn: arn }), (page) => page.permissions), /^UnknownResource/)) ?? [])
        : [];
      ctx.share("ram", arn, share.principals, permissions.flatMap((p) => (p.name ? [p.name] : [])));
    });
  },
};
