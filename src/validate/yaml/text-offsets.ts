/** Lines and offsets of a text: where its lines start, which line an offset is on, how long its lines are. */

/** The offset where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of an offset. */
export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a line of the text is longer than `max` characters (a linear scan: the regular expression /[^\n]{1025}/ tries each offset). */
export function hasLineLongerThan(text: string, max: number): boolean {
  for (let from = 0; from < text.length;) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    if (nl - from > max) return true;
    from = nl + 1;
  }
  return false;
}
