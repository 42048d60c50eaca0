/** A check's outcome with its one-line detail, and the three ways to make one. */
import { CheckStatus } from './types';

export interface Verdict {
  status: CheckStatus;
  detail: string;
}
export const pass = (detail: string): Verdict => ({ status: 'passed', detail });
export const fail = (detail: string): Verdict => ({ status: 'failed', detail });
export const skip = (detail: string): Verdict => ({ status: 'skipped', detail });
