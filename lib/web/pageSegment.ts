/**
 * A page's dynamic segment read from its own URL, as the browser sent it, decoded exactly once.
 * Not from `params`: Next 16.2+ hands a page its params percent-encoded but generateMetadata
 * the same params decoded (vercel/next.js#95343), so decoding `params` is right in one and
 * wrong in the other (a name holding `%` fails, `%41` turns into `A`). proxy.ts passes every
 * page its path (PATH_HEADER); server-only (next/headers).
 */
import { headers } from "next/headers";
import { PATH_HEADER } from "../auth/requestInfo";
import { segmentAt } from "./url";

/** The `index`-th segment (0 = the first after `/`), or undefined when missing or not valid percent-encoding. */
export async function pageSegment(index: number): Promise<string | undefined> {
  const path = (await headers()).get(PATH_HEADER);
  return path === null ? undefined : segmentAt(path, index);
}
