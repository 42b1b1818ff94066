/**
 * Lists built from shared, immutable parts (a role's destructive actions, service by service;
 * its per-service rollup, entry by entry). Such a list is an ordinary array for every reader;
 * it also keeps the parts it was built from, so that the JSON writer serialises each part once
 * and reuses its text for the thousands of roles that share it (lib/cli/jsonOutput.ts).
 * Neither the list nor its parts may be mutated.
 */
const PARTS = Symbol("parts");

type Parted<T> = T[] & { [PARTS]?: readonly (readonly T[])[] };

export function listOfParts<T>(parts: readonly (readonly T[])[]): T[] {
  const list: T[] = [];
  for (const part of parts) for (const item of part) list.push(item);
  // Not enumerable: JSON, equality checks and copies see a plain array.
  Object.defineProperty(list, PARTS, { value: parts });
  return list;
}

/** The parts a list was built from, while it still holds exactly as many items as they do. */
export function partsOf(list: readonly unknown[]): readonly (readonly unknown[])[] | null {
  const parts = (list as Parted<unknown>)[PARTS];
  if (!parts) return null;
  let items = 0;
  for (const part of parts) items += part.length;
  return items === list.length ? parts : null;
}
