/** A set of actions of one catalogue, as a bitset over the catalogue's action indices. */
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

  complement(): ActionSet {
    return ActionSet.full(this.size).minus(this);
  }

  isEmpty(): boolean {
    return this.words.every((w) => w === 0);
  }

  isFull(): boolean {
    return this.count() === this.size;
  }

  count(): number {
    let n = 0;
    for (const word of this.words) {
      let w = word - ((word >>> 1) & 0x55555555);
      w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
      n += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  *indices(): Generator<number> {
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        yield i * 32 + bit;
        word &= word - 1;
      }
    }
  }

  /** Stable text form, for fingerprints. */
  key(): string {
    return Buffer.from(this.words.buffer, this.words.byteOffset, this.words.byteLength).toString("base64");
  }
}
