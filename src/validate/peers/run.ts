/**
 * Runs the catalog on the peers' own fixtures and judges it by the peer's expectation of each
 * fixture: Polaris' `failure*`/`success*` file names, kube-linter's `dont-fire` object and
 * container names (plus the few expectations only upstream's bats tests state, in mapping.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { POD_TEMPLATE_PATHS } from '../context';
import { validateObjects } from '../engine';
import { parseText } from '../load';
import { getAt } from '../path';
import { Finding, InputObject } from '../types';
import { PEER_FOLDERS, PeerCheck, peerChecks } from './mapping';

export interface PeerUnit {
  /** `<check dir>/<file>` (Polaris) or `<file>#<doc> <Kind>/<name>[/<container>]` (kube-linter). */
  id: string;
  expected: 'fire' | 'clean';
  fired: boolean;
}

export interface PeerCheckResult {
  check: PeerCheck;
  units: PeerUnit[];
  /** Units of a kind podsmith does not check (OpenShift DeploymentConfig and the like). */
  skipped: string[];
}

export interface PeerTotals {
  fire: number;
  caught: number;
  clean: number;
  quiet: number;
}

/** `<repo>/../shared/corpus/realworld`, or PODSMITH_CORPUS. */
export function defaultCorpusDir(repoRoot: string): string {
  return process.env.PODSMITH_CORPUS ?? path.join(repoRoot, '..', 'shared', 'corpus', 'realworld');
}

function load(file: string): InputObject[] {
  return parseText(fs.readFileSync(file, 'utf8'), file);
}

function fires(findings: Finding[], check: PeerCheck): Finding[] {
  return findings.filter((f) => check.rules.includes(f.rule) && (check.message === undefined || f.message.includes(check.message)));
}

function polaris(corpus: string, check: PeerCheck): PeerCheckResult {
  const dir = path.join(corpus, PEER_FOLDERS.polaris, 'test', 'checks', check.check);
  const units: PeerUnit[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const m = /^(success|failure)([.-].*)?\.ya?ml$/.exec(f);
    if (!m) continue; // mutated*.yaml: the fix Polaris would apply, not a verdict
    const report = validateObjects(load(path.join(dir, f)));
    units.push({ id: `${check.check}/${f}`, expected: m[1] === 'failure' ? 'fire' : 'clean', fired: fires(report.findings, check).length > 0 });
  }
  return { check, units, skipped: [] };
}

const FIRE_NAME = /(^|-)fire(-|$)/;

function expectation(check: PeerCheck, name: string, doc?: number): 'fire' | 'clean' {
  const explicit = (doc !== undefined ? check.expect?.[`#${doc}`] : undefined) ?? check.expect?.[name];
  if (explicit) return explicit;
  return name.includes('dont-fire') ? 'clean' : 'fire';
}

function kubeLinter(corpus: string, check: PeerCheck): PeerCheckResult {
  const file = check.fixture ?? `${check.check}.yml`;
  const inputs = load(path.join(corpus, PEER_FOLDERS['kube-linter'], 'tests', 'checks', file));
  inputs.forEach((input, i) => { input.file = String(i); });
  const findings = fires(validateObjects(inputs).findings, check);
  const kinds = new Set(check.kinds ?? Object.keys(POD_TEMPLATE_PATHS));
  const units: PeerUnit[] = [];
  const skipped: string[] = [];
  inputs.forEach((input, i) => {
    const o = input.object;
    const name = typeof o?.metadata?.name === 'string' ? o.metadata.name : '';
    const id = `${file}#${i + 1} ${o?.kind}/${name || '(unnamed)'}`;
    if (!kinds.has(o?.kind)) {
      if (o?.spec?.template && !POD_TEMPLATE_PATHS[o?.kind]) skipped.push(id);
      return;
    }
    const mine = findings.filter((f) => f.file === String(i));
    const tpl = POD_TEMPLATE_PATHS[o.kind];
    const spec = tpl ? getAt(o, tpl.spec) : undefined;
    const containers: any[] = Array.isArray(spec?.containers) ? spec.containers : [];
    if (containers.some((c) => typeof c?.name === 'string' && FIRE_NAME.test(c.name))) {
      containers.forEach((c, j) => {
        const at = new RegExp(`\\.containers\\[${j}\\]`);
        units.push({ id: `${id}/${c.name}`, expected: expectation(check, c.name), fired: mine.some((f) => at.test(f.path)) });
      });
      return;
    }
    units.push({ id, expected: expectation(check, name, i + 1), fired: mine.length > 0 });
  });
  return { check, units, skipped };
}

/** Runs every mapped check; throws when a peer's fixture folder is missing from the corpus. */
export function runPeers(corpus: string, checks: PeerCheck[] = peerChecks): PeerCheckResult[] {
  return checks.map((c) => (c.peer === 'polaris' ? polaris(corpus, c) : kubeLinter(corpus, c)));
}

export function totals(results: PeerCheckResult[]): PeerTotals {
  const t: PeerTotals = { fire: 0, caught: 0, clean: 0, quiet: 0 };
  for (const r of results) {
    for (const u of r.units) {
      if (u.expected === 'fire') { t.fire++; if (u.fired) t.caught++; } else { t.clean++; if (!u.fired) t.quiet++; }
    }
  }
  return t;
}

/** The differences of a result that mapping.ts explains. */
export function explained(r: { check: PeerCheck; unit: PeerUnit }): string | undefined {
  return r.check.differences?.find((d) => d.unit === r.unit.id)?.reason;
}

/** Totals without the units where podsmith differs on purpose (mapping.ts gives each reason). */
export function totalsAgreed(results: PeerCheckResult[]): PeerTotals {
  return totals(results.map((r) => ({ ...r, units: r.units.filter((unit) => !explained({ check: r.check, unit })) })));
}

/** Units where podsmith and the peer disagree. */
export function mismatches(results: PeerCheckResult[]): Array<{ check: PeerCheck; unit: PeerUnit }> {
  return results.flatMap((r) => r.units.filter((u) => u.fired !== (u.expected === 'fire')).map((unit) => ({ check: r.check, unit })));
}
