/**
 * Property tests run with a fixed seed so that a test run is reproducible: CI fails only on a
 * change, never on the luck of the draw. `PODSMITH_FC_SEED=<n>` replays a seed;
 * `PODSMITH_FC_SEED=random` explores new ones (`npm run test:fuzz` loops that), and a failure
 * prints the seed to replay.
 */
import fc from 'fast-check';

export const FIXED_SEED = 20261127;

const env = process.env.PODSMITH_FC_SEED;
if (env !== 'random') {
  const seed = env === undefined || env === '' ? FIXED_SEED : Number(env);
  if (!Number.isInteger(seed)) throw new Error(`PODSMITH_FC_SEED: '${env}' is not an integer; fix: give a whole number or 'random'`);
  fc.configureGlobal({ seed });
}
