/**
 * White space as Go's strings package reads it (unicode.IsSpace): what strings.TrimSpace trims
 * and strings.Fields splits on. JavaScript's `\s` differs: it takes U+FEFF and not U+0085.
 */
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/** A run of Go white space (strings.Fields' separators). */
export const GO_SPACES = new RegExp(`${SPACE}+`);
const TRIM = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM, '');
}
