/**
 * Line numbers for offsets, where no TextDocument is at hand (the CLI, report exports): the
 * offsets where lines start, then a binary search. Pure; UTF-16 offsets as everywhere.
 */

/**
 * Offsets where lines start. `lfOnly`: only "\n" ends a line (as git counts lines, for
 * `--changed-since`); otherwise "\r\n", "\n" and a lone "\r" do (as editors count them).
 */
export function lineStarts(text: string, lfOnly = false): number[] {
  const starts = [0];
  if (lfOnly) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line of `offset`, given the line starts. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
