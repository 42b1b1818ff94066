/** A set of actions of one catalog, as a bitset over the catalog's action indices. */
export class ActionSet {
  readonly words: Uint32Array;

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number): ActionSet {
    const set = new ActionSet(size);
    set.words.fill(0xffffffff);
    const extra = set.words.length * 32 - size;
    if (extra > 0) set.words[set.words.length - 1] = 0xffffffff >>> extra;
    return set;
  }

  add(index: number): void {
    this.words[index >>> 5]! |= 1 << (index & 31);
  }

  has(index: number): boolean {
    return (this.words[index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  addRange(start: number, end: number): void {
    for (let i = start; i < end; i++) this.add(i);
  }

  union(other: ActionSet): ActionSet {
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! | other.words[i]!;
    return new ActionSet(this.size, out);
  }

  intersect(other: ActionSet): ActionSet {
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! & other.words[i]!;
    return new ActionSet(this.size, out);
  }

  minus(other: ActionSet): ActionSet {
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! & ~other.words[i]!;
    return new ActionSet(this.size, out);
  }

  /** Adds every action of `other` to this set, in place (no new set per step when folding many). */
  addAll(other: ActionSet): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! |= b[i]!;
    return this;
  }

  complement(): ActionSet {
    return ActionSet.full(this.size).minus(this);
  }

  isEmpty(): boolean {
    const words = this.words;
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
    return true;
  }

  /** Whether every action of `other` is in this set (no set is built). */
  containsAll(other: ActionSet): boolean {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < b.length; i++) if ((b[i]! & ~a[i]!) !== 0) return false;
    return true;
  }

  /** How many actions this set and `other` share (no set is built). */
  countShared(other: ActionSet): number {
    const a = this.words;
    const b = other.words;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const w = a[i]! & b[i]!;
      if (w !== 0) n += popcount(w);
    }
    return n;
  }

  /** How many actions of the index range [start, end) are in the set. */
  countRange(start: number, end: number): number {
    let n = 0;
    for (let w = start >>> 5, last = (end - 1) >>> 5; w <= last; w++) {
      const bits = this.words[w]! & rangeMask(w, start, end);
      if (bits !== 0) n += popcount(bits);
    }
    return n;
  }

  /** Whether this set and `other` share an action in the index range [start, end). */
  sharesInRange(other: ActionSet, start: number, end: number): boolean {
    for (let w = start >>> 5, last = (end - 1) >>> 5; w <= last; w++) {
      if ((this.words[w]! & other.words[w]! & rangeMask(w, start, end)) !== 0) return true;
    }
    return false;
  }

  isFull(): boolean {
    return this.count() === this.size;
  }

  count(): number {
    let n = 0;
    for (const word of this.words) if (word !== 0) n += popcount(word);
    return n;
  }

  /** Calls `visit` with each action's index, in order (a plain loop: sets of thousands are walked per permission set). */
  forEachIndex(visit: (index: number) => void): void {
    const words = this.words;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        visit(w * 32 + 31 - Math.clz32(word & -word));
        word &= word - 1;
      }
    }
  }

  /** Stable text form, for fingerprints. */
  key(): string {
    return Buffer.from(this.words.buffer, this.words.byteOffset, this.words.byteLength).toString("base64");
  }
}

function popcount(word: number): number {
  let w = word - ((word >>> 1) & 0x55555555);
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The bits of word `w` that lie in the index range [start, end). */
export function rangeMask(w: number, start: number, end: number): number {
  const first = w * 32;
  const from = Math.max(start - first, 0);
  const to = Math.min(end - first, 32);
  if (from >= to) return 0;
  const high = to === 32 ? 0xffffffff : (1 << to) - 1;
  return (high & ~((1 << from) - 1)) | 0;
}
