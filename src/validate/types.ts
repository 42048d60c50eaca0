/**
 * The finding model (DESIGN.md, contract 2). One shape for every layer and every output.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  object: ObjectRef;
  /** API-server field path rooted at the object: `spec.template.spec.containers[0].image`. */
  path: string;
  file?: string;
  /** 1-based line of the offending field when the input was YAML or JSON text. */
  line?: number;
  handbook: string[];
  fix: string;
  /** Set when the object opted out with `podsmith.dev/ignore`; never silently dropped. */
  suppressed?: true;
}

export interface Report {
  findings: Finding[];
  summary: { objects: number; errors: number; warnings: number; infos: number };
}

export interface ValidateOptions {
  /** `X.Y`, one of the versions with bundled schemas. @default the newest bundled schema version */
  k8sVersion?: string;
  /** Pod Security Standards profile to enforce on top of the default rule set. @default none */
  profile?: 'baseline' | 'restricted';
  /** Warnings count as failures (exit code only; findings are the same). @default false */
  strict?: boolean;
  /**
   * CustomResourceDefinition objects whose kinds become checkable, besides those in the input
   * (`--crds`). @default - none
   */
  crds?: any[];
  /** Kinds that are neither built in nor defined by a CRD are errors, not infos. @default false */
  strictKinds?: boolean;
}

/** Where a document's fields are in its text (the reader's line lookups). */
export interface DocLines {
  /** 1-based line of the field at `path` (the document's first content line for ''), or undefined. */
  lineOf(path: string): number | undefined;
  /**
   * 1-based line of the field at `segs` (strings for mapping keys, numbers for list items), or
   * of the nearest enclosing field the document has, or the document's first content line.
   */
  deepest(segs: Array<string | number>): number | undefined;
  /** The same lookups from a copy of the document's own text, which does not hold on to its file. */
  detach(): DocLines;
}

export interface InputObject {
  object: any;
  file?: string;
  lineOf?: (path: string) => number | undefined;
  /** The reader's line lookups, used instead of lineOf where present. */
  lines?: DocLines;
  /** Keys the YAML text wrote twice in one mapping (the last value kept, as kubectl keeps it). */
  duplicates?: Array<{ path: string; line: number; first: number }>;
}

export type Layer = 'schema' | 'semantic' | 'best-practice' | 'pod-security' | 'input';

/** A rule of the catalog: data, plus (for best-practice rules) a small check. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  layer: Layer;
  handbook: string[];
  /** One-line summary of what the rule finds. */
  summary: string;
  /** Why it matters; shown by `podsmith explain` and in docs/rules.md. */
  rationale: string;
  /** How to fix it, in one line. */
  fix: string;
  /** Pod Security Standards profile that enables this rule (pod-security layer only). */
  profile?: 'baseline' | 'restricted';
}

/** Error-level schema and API-server findings cannot be suppressed (DESIGN.md contract 2). */
export function isSuppressible(rule: RuleMeta, severity: Severity): boolean {
  return !(severity === 'error' && (rule.layer === 'schema' || rule.layer === 'semantic' || rule.layer === 'input'));
}
