import { YamlFile } from 'projen';
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
    'cdk8s@^2.70.0',
    'constructs@^10.3.0',
    'yaml@^2.9.0',
    'ajv@^8.17.0',
    // 1.x: 2.x needs Node 22. ESM-only, loaded through Node ≥ 20.19's require(esm).
    '@kubernetes/client-node@^1.4.0',
  ],
  devDeps: [
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
  gitignore: ['/dist/', '/dist-pkg/', '/test-reports/', '/.podsmith/', '/bench/out/'],
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
project.testTask.exec('jest --ci --testPathIgnorePatterns /e2e/ /node_modules/ /lib/', { receiveArgs: true });
project.testTask.exec('bash cluster/prepare.sh');
project.testTask.exec('jest --ci --runInBand --globalTeardown ./test/support/e2e-teardown.ts test/e2e');

project.addTask('test:unit', {
  description: 'Unit, snapshot and handbook tests only (no cluster)',
  exec: 'jest --ci --testPathIgnorePatterns /e2e/ /node_modules/ /lib/',
  receiveArgs: true,
});

project.addTask('test:fuzz', {
  description: 'Property tests with fresh random seeds, FUZZ_ROUNDS times (default 20); a failure prints the seed to replay with PODSMITH_FC_SEED',
  exec: 'bash scripts/fuzz.sh',
});

project.addTask('test:e2e', {
  description: 'End-to-end tests on the local cluster (prepares it first)',
  steps: [{ spawn: 'compile' }, { exec: 'bash cluster/prepare.sh' }, { exec: 'jest --ci --runInBand --globalTeardown ./test/support/e2e-teardown.ts test/e2e', receiveArgs: true }],
});

project.addTask('test:differential', {
  description: 'podsmith vs a real API server on 2,000 generated cases (-- --cases N --seed S --kubeconfig F)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/differential/run.ts',
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

// `npx podsmith` works right after `npm ci` in a checkout.
project.addScripts({ prepare: 'tsc --build && node lib/validate/schema/standalone.js && node scripts/link-bin.js' });


project.synth();
