/**
 * Merging two writers' notes by note id, against the version both started from. Pure.
 *
 * Rules, per note id (`updated` changes with every user edit of a note, so it tells an edited
 * note from an untouched one):
 *  - both sides have it: the newer `updated` wins (a tie keeps ours);
 *  - only one side has it, and the base did not: that side added it — keep;
 *  - only one side has it, and the base did: the other side deleted it — drop it only if this
 *    side did not edit it since the base; an edit always beats a deletion.
 * Without a base (nothing known about the common ancestor) nothing is dropped: the union.
 */
import type { Note } from './model';

export function mergeNotes(base: readonly Note[] | null, ours: readonly Note[], theirs: readonly Note[]): Note[] {
  const baseById = new Map((base ?? []).map((n) => [n.id, n]));
  const oursById = new Map(ours.map((n) => [n.id, n]));
  const theirsById = new Map(theirs.map((n) => [n.id, n]));
  const merged: Note[] = [];
  for (const id of new Set([...oursById.keys(), ...theirsById.keys()])) {
    const mine = oursById.get(id);
    const other = theirsById.get(id);
    const original = baseById.get(id);
    if (mine && other) merged.push(isNewer(other, mine) ? other : mine);
    else if (mine) {
      if (!(original && sameRevision(mine, original))) merged.push(mine);
    } else if (other) {
      if (!(original && sameRevision(other, original))) merged.push(other);
    }
  }
  return merged;
}

/** Whether `a` was edited after `b`. Dates from other tools may use any ISO offset. */
export function isNewer(a: Note, b: Note): boolean {
  const ta = Date.parse(a.updated);
  const tb = Date.parse(b.updated);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a.updated > b.updated;
  return ta > tb;
}

function sameRevision(a: Note, b: Note): boolean {
  return a.updated === b.updated;
}
