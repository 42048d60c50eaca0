/**
 * podsmith's verdict on each object of a file, as a user gets it from `podsmith validate`: the
 * file is read by podsmith's own reader, which stops at the first document it cannot read (as
 * kubectl stops) and reports that as an error at its line — the objects read before it keep
 * their own verdicts, that document and every one after it are rejected — and an object is
 * rejected when it has any unsuppressed error-level finding.
 */
import { parseTextEach } from '../../src/validate/load';
import { validateObjects } from '../../src/validate';
import { InputObject } from '../../src/validate/types';

export interface PodsmithError { rule: string; path: string; message: string; line?: number; object: string }

export interface PodsmithFile {
  /** Why the file could not be read from `line` on (1-based; without a line, not at all): podsmith rejects what is there. */
  unreadable?: string;
  unreadableFrom?: number;
  /** The file's objects as podsmith read them (lists not yet expanded), each with its errors by object. */
  documents: Array<{ value: unknown; errors: PodsmithError[]; duplicateKey?: boolean }>;
}

/** `apiVersion kind namespace/name` of a value, as the engine names an object in its findings. */
export const refText = (o: any): string => {
  const x = o !== null && typeof o === 'object' ? o : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const ns = typeof x.metadata?.namespace === 'string' ? `${x.metadata.namespace}/` : '';
  return `${str(x.apiVersion)} ${str(x.kind)} ${ns}${typeof x.metadata?.name === 'string' ? x.metadata.name : str(x.metadata?.generateName)}`;
};

/** `crds`: CustomResourceDefinitions installed on the API server for this run, given to podsmith too (`--crds`). */
export function judgeFile(text: string, file: string, k8sVersion: string, crds?: object[]): PodsmithFile {
  const inputs: InputObject[] = [];
  let problem: { message: string; line?: number } | undefined;
  parseTextEach(text, file, (o) => inputs.push(o), (p) => { problem = { message: `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`, line: p.line }; });
  if (problem && problem.line === undefined) return { unreadable: problem.message, documents: [] };
  return {
    ...(problem ? { unreadable: problem.message, unreadableFrom: problem.line } : {}),
    documents: inputs.map((input) => {
      const value = input.object;
      const report = validateObjects([input], { k8sVersion, ...(crds ? { crds } : {}) });
      const errors = report.findings.filter((f) => f.severity === 'error' && !f.suppressed).map((f) => ({
        rule: f.rule, path: f.path, message: f.message, ...(f.line !== undefined ? { line: f.line } : {}),
        object: `${f.object.apiVersion} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`,
      }));
      return { value, errors, duplicateKey: report.findings.some((f) => f.rule === 'yaml.duplicate-key') };
    }),
  };
}
