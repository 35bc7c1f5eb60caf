/**
 * A file given to the command that reads another kind of file is refused naming its kind and the
 * command that reads it (src/cli/file-kind.ts), rather than for the first field it lacks.
 */
import { describe, expect, it } from 'vitest';
import { kindOfFile } from '../../src/cli/file-kind.ts';
import { goodhart, oneErrorLine } from './goodhart.ts';

const SWEEP = 'scenarios/sweeps/quota-vs-review.yaml';
const TARGETS = 'calibration/targets.yaml';
const SCENARIO = 'scenarios/meshclaw.yaml';

describe('kindOfFile', () => {
  it.each([
    [SWEEP, 'sweep'],
    [TARGETS, 'targets'],
    [SCENARIO, 'scenario'],
    ['scenarios/baseline.yaml', 'scenario'],
    ['package.json', undefined],
    ['no-such-file.yaml', undefined],
  ])('%s is %s', (file, kind) => {
    expect(kindOfFile(file)).toBe(kind);
  });
});

describe.concurrent('a file given to the wrong command', () => {
  it.each([
    [['run', SWEEP], `${SWEEP}: this is a sweep file, not a scenario: goodhart sweep ${SWEEP} --out <folder> reads it`],
    [['run', TARGETS], `${TARGETS}: this is a file of calibration targets, not a scenario: goodhart calibrate ${TARGETS} --out <folder> reads it`],
    [['sweep', SCENARIO, '--out', 'never'], `${SCENARIO}: this is a scenario, not a sweep file: goodhart run ${SCENARIO} reads it`],
    [['calibrate', SWEEP, '--out', 'never'], `${SWEEP}: this is a sweep file, not a file of calibration targets: goodhart sweep ${SWEEP} --out <folder> reads it`],
    [['run', SCENARIO, '--posterior', TARGETS, '--out', 'never'], `${TARGETS}: this is a file of calibration targets, not a posterior (posterior.csv, as goodhart calibrate writes it): goodhart calibrate ${TARGETS} --out <folder> reads it`],
    [['explain', SCENARIO, '--against', 'scenarios/baseline.yaml', '--posterior', SCENARIO, '--out', 'never'], `${SCENARIO}: this is a scenario, not a posterior (posterior.csv, as goodhart calibrate writes it): goodhart run ${SCENARIO} reads it`],
  ])('%j is refused naming the command that reads it', async (args, message) => {
    const result = await goodhart(args);
    expect(result.status).toBe(1);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: ${message}`);
  });

  it('validate says it for each such file and checks the others', async () => {
    const result = await goodhart(['validate', SWEEP, SCENARIO]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`goodhart: error: ${SWEEP}: this is a sweep file, not a scenario: goodhart sweep ${SWEEP} --out <folder> reads it\n`);
    expect(result.stdout).toBe(`${SCENARIO}: ok (meshclaw: 1000 engineers, 52 weeks)\n`);
  });

  it('a scenario of the right kind keeps its own message', async () => {
    const result = await goodhart(['run', SCENARIO, '--set', 'agents=-1', '--out', 'never']);
    expect(oneErrorLine(result.stderr)).toBe(`goodhart: error: ${SCENARIO}: agents: must be at least 1, got -1`);
  });
});
