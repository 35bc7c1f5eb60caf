/** `goodhart validate`: checks scenario files and says everything that is wrong, one line a problem, or that they are fine. */
import type { Argv } from 'yargs';
import { loadAs } from '../file-kind.ts';
import { loadOptions, modelWithPolicyFiles, policyOptions, scenarioOptions, type PolicyFlags, type ScenarioFlags } from '../options.ts';
import { loadScenario } from '../../experiment/load.ts';
import { ERROR_PREFIX, ScenarioError } from '../../scenario/errors.ts';

interface ValidateArgs extends ScenarioFlags, PolicyFlags {
  scenarios: string[];
}

export function validateCommand(yargs: Argv) {
  return yargs.command<ValidateArgs>(
    'validate <scenarios..>',
    'Check scenario files without running them',
    (y) =>
      policyOptions(scenarioOptions(y))
        .positional('scenarios', { type: 'string', array: true, describe: 'Scenario files (YAML)' })
        .example('$0 validate scenarios/meshclaw.yaml', 'Check one file')
        .example('$0 validate scenarios/*.yaml', 'Check every bundled scenario') as unknown as Argv<ValidateArgs>,
    async (args) => {
      const options = loadOptions({ ...args, model: await modelWithPolicyFiles(args.policy) });
      let failures = 0;
      for (const file of args.scenarios) {
        try {
          const scenario = loadAs(file, 'scenario', () => loadScenario(file, options));
          process.stdout.write(`${file}: ok (${scenario.name}: ${scenario.agents} engineers, ${scenario.weeks} weeks)\n`);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          failures++;
          // Every problem of the file, one line each, so that one pass mends them all.
          for (const line of error.lines()) process.stderr.write(`${ERROR_PREFIX}${line}\n`);
        }
      }
      if (failures > 0) process.exitCode = 1;
    },
  );
}
