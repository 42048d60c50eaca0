/** What the YAML reader refuses a document with, and its limit on nesting. */

/** A document the reader refuses: go-yaml's or YAMLToJSON's reason and where (0-based line). */
export class ReadError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/**
 * The deepest nesting podsmith reads. kubectl's limit is 10000 levels, deeper than a JavaScript
 * stack can follow; no manifest comes near either, and past this one the document is refused with
 * one line, in the same way by both readers.
 */
export const MAX_DEPTH = 500;
export const TOO_DEEP = `nesting is deeper than ${MAX_DEPTH} levels: podsmith refuses it (kubectl's own limit is 10000)`;
