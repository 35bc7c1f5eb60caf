/**
 * The layers of src/ and the one rule that keeps them readable: imports go one way,
 * scenario → model (agents, policies, sim) → experiment → charts, report → cli, serve, and nothing
 * imports in a circle (type-only imports included). `npm test` runs this check (test/architecture).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the layers no longer read one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'scenario-is-the-bottom',
      severity: 'error',
      comment: 'The scenario layer (parsing, validation building blocks) imports no other layer of goodhart.',
      from: { path: '^src/scenario/' },
      to: { path: '^src/(agents|policies|sim|experiment|charts|report|cli|cluster|serve)/' },
    },
    {
      name: 'model-knows-no-experiment',
      severity: 'error',
      comment: 'The model (agents, policies, sim) imports only the scenario layer, and never touches files.',
      from: { path: '^src/(agents|policies|sim)/' },
      to: { path: ['^src/(experiment|charts|report|cli|cluster|serve)/', '^src/(index|notebook)\\.ts$'] },
    },
    {
      name: 'model-touches-no-files',
      severity: 'error',
      comment: 'The model runs in browsers too: no Node built-ins.',
      from: { path: '^src/(agents|policies|sim)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'experiment-draws-nothing',
      severity: 'error',
      comment: 'Experiments produce tables; charts, reports and the command line come after them.',
      from: { path: '^src/experiment/' },
      to: { path: '^src/(charts|report|cli|cluster|serve)/' },
    },
    {
      name: 'charts-and-reports-run-nothing',
      severity: 'error',
      comment: 'Charts and reports turn results into specs and pages; the command line and server call them.',
      from: { path: '^src/(charts|report)/' },
      to: { path: '^src/(cli|cluster|serve)/' },
    },
    {
      name: 'the-page-has-one-door',
      severity: 'error',
      comment: 'The workshop page (web/src) uses goodhart through src/browser.ts, the documented browser entry, and nothing else of src/.',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/browser\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    // TypeScript 7's package has no compiler API to parse with; swc parses TypeScript, type-only imports included.
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.js$' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
