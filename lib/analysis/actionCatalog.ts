import { ActionSet, rangeMask } from "./actionSet";
import { listOfParts } from "./listOfParts";
import { compareText } from "./compareText";
import { hasWildcard, wildcardRegExp } from "./wildcard";

/** The access levels of the AWS Service Authorization Reference. */
export const ACCESS_LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface CatalogEntry {
  /** `service:ActionName`, in AWS's spelling. */
  action: string;
  /** A compound level such as "Permissions management, Write" is given split. */
  accessLevels: AccessLevel[];
}

/** Splits the catalog's access level text ("Permissions management, Write") into levels. */
export function splitAccessLevel(text: string): AccessLevel[] {
  const levels = text.split(",").map((part) => part.trim()).filter(Boolean);
  return levels.map((level) => {
    const known = ACCESS_LEVELS.find((l) => l.toLowerCase() === level.toLowerCase());
    if (!known) throw new Error(`unknown access level "${level}"`);
    return known;
  });
}

export interface PatternMatch {
  actions: ActionSet;
  /** Set when the pattern has no wildcard and names no cataloged action. */
  unknown: string | null;
}

/**
 * Every IAM action AWS documents, indexed for expanding `Action`/`NotAction` patterns.
 * Actions are kept sorted by service so a pattern with a literal service scans only that
 * service's actions; each distinct pattern is expanded once.
 */
export class ActionCatalog {
  readonly size: number;
  private readonly names: string[];
  private readonly lowerNames: string[];
  private readonly levelBits: Uint8Array;
  private readonly services = new Map<string, { start: number; end: number }>();
  /** Per action, the index of its service in `serviceNames`. */
  private readonly serviceOf: Uint16Array;
  readonly serviceNames: string[] = [];
  private readonly indexByName = new Map<string, number>();
  private readonly patternCache = new Map<string, PatternMatch>();
  private allActions: ActionSet | null = null;

  constructor(entries: readonly CatalogEntry[]) {
    const sorted = [...entries].sort((a, b) => compareText(a.action, b.action));
    this.size = sorted.length;
    this.names = sorted.map((e) => e.action);
    this.lowerNames = this.names.map((n) => n.toLowerCase());
    this.levelBits = new Uint8Array(sorted.map((e) => e.accessLevels.reduce((bits, l) => bits | levelBit(l), 0)));
    this.serviceOf = new Uint16Array(this.size);
    this.lowerNames.forEach((name, i) => {
      const service = name.slice(0, name.indexOf(":"));
      const range = this.services.get(service);
      if (range) range.end = i + 1;
      else {
        this.services.set(service, { start: i, end: i + 1 });
        this.serviceNames.push(service);
      }
      this.serviceOf[i] = this.serviceNames.length - 1;
      this.indexByName.set(name, i);
    });
  }

  empty(): ActionSet {
    return new ActionSet(this.size);
  }

  all(): ActionSet {
    this.allActions ??= ActionSet.full(this.size);
    return this.allActions;
  }

  name(index: number): string {
    return this.names[index]!;
  }

  indexOf(action: string): number | undefined {
    return this.indexByName.get(action.toLowerCase());
  }

  service(index: number): string {
    return this.serviceNames[this.serviceOf[index]!]!;
  }

  /** Index of the action's service in `serviceNames`. */
  serviceIndex(index: number): number {
    return this.serviceOf[index]!;
  }

  accessLevels(index: number): AccessLevel[] {
    return levelsOfMask(this.levelBits[index]!);
  }

  /** The action's access levels as a bit mask (see `levelsOfMask`). */
  accessLevelMask(index: number): number {
    return this.levelBits[index]!;
  }

  hasAccessLevel(index: number, level: AccessLevel): boolean {
    return (this.levelBits[index]! & levelBit(level)) !== 0;
  }

  /** Sets of actions named by the given full names; throws on a name not in the catalog. */
  setOf(actions: readonly string[]): ActionSet {
    const set = this.empty();
    for (const action of actions) {
      const index = this.indexOf(action);
      if (index === undefined) throw new Error(`"${action}" is not in the action catalogue`);
      set.add(index);
    }
    return set;
  }

  /** The actions an `Action` element pattern such as `s3:Get*` or `*` names (case-insensitive). */
  match(pattern: string): PatternMatch {
    const key = pattern.toLowerCase();
    let result = this.patternCache.get(key);
    if (!result) {
      result = this.expand(key);
      this.patternCache.set(key, result);
    }
    return result;
  }

  private expand(pattern: string): PatternMatch {
    if (pattern === "*") return { actions: this.all(), unknown: null };
    const colon = pattern.indexOf(":");
    if (colon < 0) return { actions: this.empty(), unknown: pattern };
    const servicePart = pattern.slice(0, colon);
    const actionPart = pattern.slice(colon + 1);
    const set = this.empty();
    if (!hasWildcard(pattern)) {
      const index = this.indexByName.get(pattern);
      if (index === undefined) return { actions: set, unknown: pattern };
      set.add(index);
      return { actions: set, unknown: null };
    }
    const ranges = hasWildcard(servicePart)
      ? [...this.services.entries()].filter(([service]) => wildcardRegExp(servicePart).test(service)).map(([, r]) => r)
      : [this.services.get(servicePart)].filter((r) => r !== undefined);
    const whole = actionPart === "*";
    const re = wildcardRegExp(actionPart);
    for (const { start, end } of ranges) {
      if (whole) {
        set.addRange(start, end);
        continue;
      }
      for (let i = start; i < end; i++) {
        const name = this.lowerNames[i]!;
        if (re.test(name.slice(name.indexOf(":") + 1))) set.add(i);
      }
    }
    return { actions: set, unknown: null };
  }

  /** The names of a set's actions, in catalog order. */
  actionNames(set: ActionSet): string[] {
    const out: string[] = [];
    set.forEachIndex((i) => out.push(this.names[i]!));
    return out;
  }

  /** Per category set (the destructive actions…): the services it has actions in, and each one's whole part. */
  private readonly categoryParts = new WeakMap<ActionSet, { services: number[]; whole: (readonly string[] | undefined)[] }>();
  /** Parts for a service's actions in a category that a set holds only some of, by service and bits. */
  private readonly someParts = new Map<string, readonly string[]>();

  /**
   * The names of the actions of `set` that are in `category`, in catalog order, as a list of
   * per-service parts (lib/analysis/listOfParts.ts): every set that holds all of a service's
   * actions in the category shares one part for it, and sets holding the same few share theirs.
   */
  categoryActionNames(set: ActionSet, category: ActionSet): string[] {
    let known = this.categoryParts.get(category);
    if (!known) {
      const services = this.serviceRanges().flatMap(({ start, end }, service) => (category.countRange(start, end) > 0 ? [service] : []));
      known = { services, whole: [] };
      this.categoryParts.set(category, known);
    }
    const ranges = this.serviceRanges();
    const held = set.words;
    const wanted = category.words;
    const parts: (readonly string[])[] = [];
    for (const service of known.services) {
      const { start, end } = ranges[service]!;
      let some = false;
      let all = true;
      for (let w = start >>> 5, last = (end - 1) >>> 5; w <= last; w++) {
        const mask = wanted[w]! & rangeMask(w, start, end);
        if ((held[w]! & mask) !== 0) some = true;
        if ((mask & ~held[w]!) !== 0) all = false;
      }
      if (!some) continue;
      if (all) {
        parts.push((known.whole[service] ??= this.namesInRange(category, start, end)));
        continue;
      }
      let key = `${service}`;
      for (let w = start >>> 5, last = (end - 1) >>> 5; w <= last; w++) key += `,${(held[w]! & wanted[w]! & rangeMask(w, start, end)) >>> 0}`;
      let part = this.someParts.get(key);
      if (!part) {
        part = this.namesInRange(category, start, end, set);
        // Bounded: a long-running server meets new subsets with every scan.
        if (this.someParts.size < 100_000) this.someParts.set(key, part);
      }
      parts.push(part);
    }
    return listOfParts(parts);
  }

  /** Names of the actions of [start, end) in `set` (and in `also`, when given). */
  private namesInRange(set: ActionSet, start: number, end: number, also?: ActionSet): string[] {
    const names: string[] = [];
    for (let i = start; i < end; i++) if (set.has(i) && (!also || also.has(i))) names.push(this.names[i]!);
    return names;
  }

  private levelSetsCache: ActionSet[] | null = null;

  /** Per access level (in ACCESS_LEVELS order), the actions that have it. */
  levelSets(): readonly ActionSet[] {
    this.levelSetsCache ??= ACCESS_LEVELS.map((level) => {
      const set = this.empty();
      for (let i = 0; i < this.size; i++) if (this.hasAccessLevel(i, level)) set.add(i);
      return set;
    });
    return this.levelSetsCache;
  }

  /** Each service's actions as an index range, in `serviceNames` order. */
  serviceRanges(): readonly { start: number; end: number }[] {
    this.rangesCache ??= this.serviceNames.map((name) => this.services.get(name)!);
    return this.rangesCache;
  }

  private rangesCache: { start: number; end: number }[] | null = null;

  /**
   * The access levels a set's actions have (as a `levelsOfMask` mask), over the index range
   * [start, end) — the whole catalog by default. Word operations on the level sets: no action
   * is visited one by one.
   */
  levelMask(set: ActionSet, start = 0, end = this.size): number {
    let mask = 0;
    this.levelSets().forEach((levelSet, bit) => {
      if (set.sharesInRange(levelSet, start, end)) mask |= 1 << bit;
    });
    return mask;
  }
}

function levelBit(level: AccessLevel): number {
  return 1 << ACCESS_LEVELS.indexOf(level);
}

export function levelsOfMask(mask: number): AccessLevel[] {
  return ACCESS_LEVELS.filter((l) => (mask & levelBit(l)) !== 0);
}

