/**
 * The formats the Kubernetes schemas name, checked as the API server parses them. A module of
 * its own so that precompiled (ajv standalone) validators can require it.
 */
import type { Format } from 'ajv';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const formats: Record<string, Format> = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
  'double': true,
  'byte': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'date-time': RFC3339,
  // the API server's quantity syntax (resource.ParseQuantity)
  'quantity': /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/,
};

export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  allowUnionTypes: true,
  validateSchema: false,
  // one function per definition, shared by every kind that reaches it: a third of the compile
  // time of inlined code, and smaller standalone files
  inlineRefs: false,
} as const;
