/**
 * cdk8s apps for tests, each with its own output directory under one directory per test file
 * that is removed when the file's tests end. (cdk8s's `Testing.app()` makes a new
 * `cdk8s.outdir.*` directory in the system's temporary directory for every app and never removes
 * it: one `npm test` left thousands.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';

let parent: string | undefined;

function removeParent(): void {
  if (parent !== undefined) fs.rmSync(parent, { recursive: true, force: true });
  parent = undefined;
}
// registered when a test file imports this module (hooks cannot be added inside a test); outside
// jest (a script that imports the cases) the directory goes when the process ends
if (typeof afterAll === 'function') afterAll(removeParent);
else process.once('exit', removeParent);

/** A cdk8s app as `Testing.app()` makes it, its output directory removed after the test file. */
export function testApp(): App {
  parent ??= fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-test-apps.'));
  return Testing.app({ outdir: fs.mkdtempSync(path.join(parent, 'app.')) });
}

/** A chart named `test` in a fresh test app, as `Testing.chart()` makes it. */
export function testChart(): Chart {
  return new Chart(testApp(), 'test');
}
