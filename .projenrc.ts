import { YamlFile } from 'projen';
import { DependencyType } from 'projen';
import { JestReporter, NodePackageManager, UpdateSnapshot } from 'projen/lib/javascript';
import { TypeScriptProject } from 'projen/lib/typescript';

// podsmith is a library (constructs, validator, runner) with a CLI, so it is a TypeScript
// library project that carries its own cdk8s.yaml, rather than projen's cdk8s *app* type,
// which would add `cdk8s import` (network) and make cdk8s-cli a runtime dependency.
const project = new TypeScriptProject({
  name: 'podsmith',
  description: 'Typed cdk8s constructs that apply the Kubernetes Pod handbook by default, validate manifests against the API server\'s rules and prove Pod behaviour on a real cluster.',
  license: 'Apache-2.0',
  copyrightOwner: 'the podsmith authors',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: NodePackageManager.NPM,
  // ts-jest and projen do not support TypeScript 7 (the native port) yet: pin 5.x.
  typescriptVersion: '5.9.3',
  minNodeVersion: '20.0.0',
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  eslint: false,
  sampleCode: false,
  entrypoint: 'lib/index.js',
  // dist/ holds the synthesized manifests (cdk8s' convention); npm packages go elsewhere.
  artifactsDirectory: 'dist-pkg',
  bin: { podsmith: 'lib/cli.js' },
  deps: [
    'yaml@^2.9.0',
    'ajv@^8.17.0',
  ],
  // Package: see the "package" section at the end of this file (peers, files, exports).
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    // the versions this repository builds and tests with; consumers bring their own (peers)
    'cdk8s@^2.70.0',
    'constructs@^10.3.0',
    '@kubernetes/client-node@^1.4.0',
    'typedoc@^0.28.0',
    'cdk8s-cli@^2.200.0',
    // the anchor of bench/synth.ts; podsmith's constructs do not build on it at run time
    // (its 1.27 serializers drop newer fields, emit CAP_-prefixed capabilities and apply silent defaults)
    'cdk8s-plus-27@2.9.5',
    'fast-check@^4.0.0',
    '@types/node@^20',
  ],
  jest: true,
  jestOptions: {
    // Snapshots are assertions: never rewrite them in the test task (use `npm run test:update`).
    updateSnapshot: UpdateSnapshot.NEVER,
    passWithNoTests: false,
    junitReporting: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      collectCoverage: false,
      reporters: [new JestReporter('<rootDir>/test/support/summary-reporter.js')],
      // property tests use a fixed seed unless PODSMITH_FC_SEED says otherwise (see the file)
      setupFiles: ['<rootDir>/test/support/fast-check-seed.ts'],

    },
  },
  tsconfig: {
    compilerOptions: {
      // no source maps in the package: they pointed into src/, which is not shipped (1.45 MB)
      inlineSourceMap: false,
      inlineSources: false,
      lib: ['es2022'],
      target: 'ES2022',
      skipLibCheck: true,
    },
  },
  tsconfigDev: {
    compilerOptions: {
      lib: ['es2022'],
      target: 'ES2022',
      skipLibCheck: true,
    },
    include: ['../bench/**/*.ts'],
  },
  gitignore: ['/dist/', '/dist-pkg/', '/test-reports/', '/.podsmith/', '/bench/out/', '/docs/api/', '/examples/lib/'],
});

// The example app: `cdk8s synth` builds it into dist/; `podsmith synth` also validates it
// and writes nothing when validation fails.
new YamlFile(project, 'cdk8s.yaml', {
  committed: true,
  obj: {
    language: 'typescript',
    app: 'node lib/main.js',
    output: 'dist',
    imports: [],
    // `cdk8s synth` validates with podsmith's three layers (schema, API-server rules, best practices)
    validations: [{ package: './lib/validate/cdk8s', class: 'PodsmithValidation', version: '0.0.0' }],
  },
});

// Precompiled schema validators (ajv standalone code) next to the compiled validator, so a
// `podsmith validate` process does not compile the schemas at start-up.
project.compileTask.exec('node lib/validate/schema/standalone.js');

project.addTask('synth', {
  description: 'Compile, then synthesize and validate the example app into dist/',
  steps: [
    { spawn: 'compile' },
    { exec: 'node lib/cli.js synth --output dist' },
  ],
});

// The test task: unit, snapshot and handbook tests first; then the local cluster is prepared
// (apt packages, cached Go builds, images: quick when cached) and the end-to-end tests run
// against real containers, one file at a time.
project.testTask.reset();
project.testTask.spawn(project.compileTask);
// The Pod Security oracle (upstream's evaluator, cached; cold: a Go build) for test/psa.
project.testTask.exec('bash cluster/build-psa.sh >/dev/null');
project.testTask.exec('jest --ci --testPathIgnorePatterns /e2e/ /consumer/ /node_modules/ /lib/', { receiveArgs: true });
// issue 12: podsmith as a consumer installs it (npm pack, oldest and newest cdk8s; needs the registry or a warm npm cache)
project.testTask.exec('jest --ci --runInBand test/consumer');
project.testTask.exec('bash cluster/prepare.sh');
// issue 10: kube-apiserver of the newest release, for test/e2e/releases.test.ts and
// release-gates.test.ts (cold: ~7 min of Go build after the cluster's; cached after), and of 1.33,
// the last release that does not validate a StatefulSet's Pod template (release-gates.test.ts judges
// the pre-1.34 verdicts with it; ~7 min more). The other releases are `npm run test:releases`.
// On a new machine they build in the background at nice 19 (cluster/build-behind.sh) while the
// end-to-end tests on the local cluster run, which mostly wait on Pods; the tests that need them
// (SERVER_TESTS) run after, once cluster/build.sh finds them built (it waits for that build).
const SERVER_TESTS = '/e2e/(exact|releases|release-gates|semantic-fixtures)\\.test\\.ts$';
project.testTask.say('test: kube-apiserver of the newest release and of 1.33 for the e2e release tests, built behind the cluster e2e tests when not cached (cluster/build-behind.sh apiserver newest 1.33)');
project.testTask.exec('bash cluster/build-behind.sh apiserver newest 1.33');
// one step, so that a failure in the first part still runs the second (the status is the worst);
// the cluster stays up between the two parts (the second part's teardown brings it down)
project.testTask.exec([
  's=0',
  `PODSMITH_KEEP_CLUSTER=1 jest --ci --runInBand --globalTeardown ./test/support/e2e-teardown.ts test/e2e --testPathIgnorePatterns '${SERVER_TESTS}' /node_modules/ /lib/ || s=$?`,
  'bash cluster/build.sh apiserver newest 1.33 || s=$?',
  `jest --ci --runInBand --globalTeardown ./test/support/e2e-teardown.ts '${SERVER_TESTS}' || s=$?`,
  'exit $s',
].join('; '));

project.addTask('test:unit', {
  description: 'Unit, snapshot and handbook tests only (no cluster)',
  exec: 'jest --ci --testPathIgnorePatterns /e2e/ /consumer/ /node_modules/ /lib/',
  receiveArgs: true,
});

project.addTask('test:psa', {
  description: '--profile against upstream\'s Pod Security evaluator: its fixtures and 5,000 generated Pods per supported release (PODSMITH_PSA_PODS)',
  steps: [{ exec: 'bash cluster/build-psa.sh >/dev/null' }, { exec: 'jest --ci test/psa test/validate/pod-security.test.ts', receiveArgs: true }],
});

project.addTask('test:fuzz', {
  description: 'Property tests with fresh random seeds, FUZZ_ROUNDS times (default 20); a failure prints the seed to replay with PODSMITH_FC_SEED',
  exec: 'bash scripts/fuzz.sh',
});

project.addTask('test:e2e', {
  description: 'End-to-end tests on the local cluster (prepares it first)',
  steps: [{ spawn: 'compile' }, { exec: 'bash cluster/prepare.sh' }, { exec: 'bash cluster/build.sh apiserver newest' }, { exec: 'jest --ci --runInBand --globalTeardown ./test/support/e2e-teardown.ts test/e2e', receiveArgs: true }],
});

project.addTask('test:differential', {
  description: 'podsmith vs a real API server on 2,000 generated cases (-- --cases N --seed S --kubeconfig F)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/differential/run.ts',
  receiveArgs: true,
});

project.addTask('test:cases', {
  description: 'the hand-written CRD and kind cases (test/support/crd-cases.ts, kind-cases.ts) judged by a throwaway kube-apiserver of every built release and by podsmith at that release (-- 1.33 1.37 for some)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/support/judge-cases-at-releases.ts',
  receiveArgs: true,
});
project.addTask('test:releases', {
  description: 'podsmith vs a throwaway kube-apiserver of every release >= 1.34 (built first when missing): differential over seeds 1-5 x 2,000 cases and the real-world comparison, a table per release (-- --releases 1.35,1.37 --seeds 1 --cases N --no-build)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/differential/releases.ts',
  receiveArgs: true,
});

project.addTask('test:peers', {
  description: 'the rule catalog on Polaris\' and kube-linter\'s own fixtures (PODSMITH_CORPUS): caught/clean per check',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/peers.ts',
});

project.addTask('test:realworld', {
  description: 'podsmith vs a real API server on every object of the real-world corpus (PODSMITH_CORPUS) and of k8s.io/kubernetes\' own manifests (-- --only NAME --kubeconfig F)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/realworld/run.ts',
  receiveArgs: true,
});

project.addTask('test:realworld-edited', {
  description: 'podsmith vs a real API server on the real-world corpus with one or two values of each file replaced (-- --seed N --copies K --keep)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/realworld/edited-run.ts',
  receiveArgs: true,
});

project.addTask('test:yaml-sweep', {
  description: "podsmith's YAML reader vs kubectl's (the yamlref oracle) on every YAML and JSON file of the real-world corpus and of the whole Go modules test:realworld reads (-- --only NAME)",
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/yaml/sweep.ts',
  receiveArgs: true,
});

project.addTask('test:required-sweep', {
  description: 'Which fields the schemas list as required does the API server require? One real object per (definition, field) with that field removed, judged by a real API server and by podsmith (-- --only NAME --k8s-version X.Y)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/realworld/required-sweep-run.ts',
  receiveArgs: true,
});

project.addTask('test:value-sweep', {
  description: 'Empty, zero and misspelt values against the API server: one real object per (definition, field) pair with the value replaced ("" and a word no enumeration holds; 0 and -1; with --collections, lists and objects emptied), judged by a real API server and by podsmith (-- --only NAME --max-pairs N --collections --k8s-version X.Y)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/realworld/value-sweep-run.ts',
  receiveArgs: true,
});

project.addTask('bench:synth', {
  description: 'Synth benchmark: podsmith vs cdk8s-plus-27 at 1,000 and 10,000 Pods',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only --project test/tsconfig.json bench/synth.ts' }],
});

project.addTask('bench:validate', {
  description: 'Validation benchmark: 50,000 objects, podsmith (all three layers) vs kubeconform in the same run',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only --project test/tsconfig.json bench/validate.ts' }],
});

project.addTask('gen:schemas', {
  description: 'Regenerate schemas/ from the upstream OpenAPI v3 documents (needs Go and the module proxy)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/gen-schemas.ts',
});
project.addTask('exact:corpus', {
  description: 'The fast layers against validate --exact (a throwaway kube-apiserver) on the real-world corpus (needs the build cache; not in CI)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/exact-corpus.ts',
  receiveArgs: true,
});

project.addTask('docs:rules', {
  description: 'Regenerate docs/rules.md from the rule catalog',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/gen-rules-doc.ts',
});

project.addTask('bench:cluster', {
  description: 'Local cluster benchmark: up to Ready, first Pod, idle RSS, against kind\'s published figures',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/cluster.ts',
});

project.addTask('bench:verify', {
  description: 'Verify benchmark: the example app and the handbook scenarios on a warm local cluster, against kubectl apply + wait',
  steps: [{ spawn: 'compile' }, { exec: 'npm run synth --silent' }, { exec: 'ts-node --transpile-only --project test/tsconfig.json bench/verify.ts' }],
});

project.addTask('bench', {
  description: 'Run every benchmark against its anchor and write docs/benchmarks.md',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only --project test/tsconfig.json bench/report.ts' }],
});

// ---- package (issue 12): what a consumer installs ----
// cdk8s and constructs are peers (a second copy breaks `new Deployment(chart, …)`: the construct
// tree is per copy). The floors are the oldest versions the consumer test (test/consumer/) builds
// and synthesizes against; cdk8s-plus-27 itself needs cdk8s ≥ 2.68.11 and constructs ≥ 10.3.
project.deps.addDependency('cdk8s@^2.0.0', DependencyType.PEER);
project.deps.addDependency('constructs@^10.0.0', DependencyType.PEER);
// The cluster runner's client (58 MB) only for `podsmith verify`: an optional peer, required
// lazily with a one-line message when missing (src/verify/kube.ts). 1.x: 2.x needs Node 22.
project.deps.addDependency('@kubernetes/client-node@^1.4.0', DependencyType.PEER);
project.package.addField('peerDependenciesMeta', { '@kubernetes/client-node': { optional: true } });
project.package.addVersion('0.1.0');
project.package.addField('repository', { type: 'git', url: 'https://github.com/podsmith/podsmith.git' });
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', 'schemas/**/*.json', 'cluster/', 'README.md', 'CHANGELOG.md', 'LICENSE']);
const entry = (file: string) => ({ types: `./lib/${file}.d.ts`, default: `./lib/${file}.js` });
project.package.addField('exports', {
  '.': entry('index'),
  './jest': entry('validate/jest'),
  './cdk8s': entry('validate/cdk8s/index'),
  // the paths the README showed before 0.1.0
  './lib/validate/jest': entry('validate/jest'),
  './lib/validate/cdk8s': entry('validate/cdk8s/index'),
  './package.json': './package.json',
});
// `npx podsmith` works right after `npm ci` in a checkout; an install of the package (no
// .projenrc.ts in it) builds nothing: lib/ ships compiled.
project.addScripts({ prepare: 'node -e "fs.existsSync(\'.projenrc.ts\') && require(\'./scripts/prepare.js\')"' });
project.addTask('test:consumer', {
  description: 'A fresh consumer project from npm pack on the oldest and newest cdk8s, building examples/ (needs the npm registry or a warm cache)',
  steps: [{ spawn: 'compile' }, { exec: 'jest --ci --runInBand test/consumer', receiveArgs: true }],
});
project.addTask('docs:api', {
  description: 'API reference from the TSDoc comments into docs/api/',
  exec: 'typedoc --out docs/api --readme none --excludeInternal --excludePrivate src/index.ts',
});


project.synth();
