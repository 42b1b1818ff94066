import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The workplace's shared test data (`../shared/data` beside the checkout), never copied in. */
export const SHARED_DATA = process.env.VENDORSCOPE_SHARED_DATA ?? fileURLToPath(new URL("../../shared/data/", import.meta.url));

export const sharedData = (...parts: string[]) => join(SHARED_DATA, ...parts);
