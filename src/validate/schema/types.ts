/** The shapes the schema layer hands around (apart from index.ts, so gated.ts needs no import of it). */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';

export interface SchemaSet {
  /** The patch release the schemas come from: `v1.34.4`. */
  version: string;
  /** The minor: `1.34`. */
  minor: string;
  /** `apiVersion/kind` → definition name, for the kinds the release serves by default. */
  kinds: Record<string, string>;
  /** `apiVersion/kind` → `n` (namespaced) or `c` (cluster-scoped). */
  scopes: Record<string, 'n' | 'c'>;
  /** `apiVersion/kind` → its resource (plural): `apps/v1/Deployment` → `deployments`. */
  resources: Record<string, string>;
  /** `apiVersion/kind`s the release defines but does not serve by default (alpha, most betas). */
  disabled: ReadonlySet<string>;
  /** One definition by name (loaded on demand). */
  definition(name: string): any;
  validators: Map<string, ValidateFunction>;
  /** The validator generated at build time (schema/standalone.ts) for a kind, when present. */
  precompiledFor(gvk: string): ValidateFunction | undefined;
  /** Compiles on first use only: a run with precompiled validators never needs it. */
  ajv(): Ajv;
}

export interface SchemaProblem {
  rule: string;
  path: string;
  message: string;
  fix?: string;
  /** A required string written "": left out where a semantic check reports the same field (its message says more). */
  emptyRequired?: true;
  /** What the API server's validation (not its decoding) finds: a required field, a value outside an enumeration. */
  validation?: true;
  /** What the API server drops before validating (a gated field, or the list item holding it): JSON pointers. */
  dropped?: string[];
}
