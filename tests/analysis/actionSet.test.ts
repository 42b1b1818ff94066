/** The action bitset's word-level operations agree with counting action by action, across word boundaries. */
import { describe, expect, it } from "vitest";
import { ActionSet } from "@/lib/analysis/actionSet";

const SIZE = 200; // not a multiple of 32: the last word is partial
let seed = 7;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 0) / 2 ** 32;
function randomSet(density: number): ActionSet {
  const set = new ActionSet(SIZE);
  for (let i = 0; i < SIZE; i++) if (random() < density) set.add(i);
  return set;
}
const members = (set: ActionSet) => Array.from({ length: SIZE }, (_, i) => i).filter((i) => set.has(i));
const ranges: [number, number][] = [[0, SIZE], [0, 1], [31, 32], [31, 33], [32, 64], [5, 70], [63, 65], [96, 200], [199, 200], [150, 151]];

describe("ActionSet", () => {
  it("counts the actions of an index range", () => {
    for (const density of [0, 0.05, 0.5, 1]) {
      const set = randomSet(density);
      for (const [start, end] of ranges) expect(set.countRange(start, end), `${density} [${start}, ${end})`).toBe(members(set).filter((i) => i >= start && i < end).length);
    }
  });

  it("tells whether two sets share an action in a range", () => {
    for (let n = 0; n < 40; n++) {
      const a = randomSet(0.03);
      const b = randomSet(0.03);
      for (const [start, end] of ranges) expect(a.sharesInRange(b, start, end)).toBe(members(a).some((i) => i >= start && i < end && b.has(i)));
    }
  });

  it("counts shared actions and tells containment without building a set", () => {
    for (let n = 0; n < 40; n++) {
      const a = randomSet(0.5);
      const b = randomSet(n % 2 ? 0.02 : 0.4);
      expect(a.countShared(b)).toBe(a.intersect(b).count());
      expect(a.containsAll(b)).toBe(b.minus(a).isEmpty());
      expect(a.containsAll(a.intersect(b))).toBe(true);
    }
    expect(ActionSet.full(SIZE).count()).toBe(SIZE);
    expect(new ActionSet(SIZE).isEmpty()).toBe(true);
  });
});
