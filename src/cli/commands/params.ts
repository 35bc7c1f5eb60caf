/** `goodhart params [scenario]`: every number a scenario can set, its value, unit, range and what it rests on. */
import type { Argv } from 'yargs';
import { loadScenario } from '../../experiment/load.ts';
import { evidenceCounts, parametersMarkdown, parametersText } from '../../report/parameters.ts';
import { DEFAULT_MODEL } from '../../sim/model.ts';
import { parameters } from '../../sim/parameters.ts';
import { loadOptions, modelWithPolicyFiles, policyOptions, scenarioOptions, type PolicyFlags, type ScenarioFlags } from '../options.ts';

const FORMATS = ['text', 'markdown', 'json'] as const;

interface ParamsArgs extends ScenarioFlags, PolicyFlags {
  scenario?: string;
  format: (typeof FORMATS)[number];
}

export function paramsCommand(yargs: Argv) {
  return yargs.command<ParamsArgs>(
    'params [scenario]',
    "List every parameter with its value, unit, plausible range and source (or the mark 'assumption')",
    (y) =>
      policyOptions(scenarioOptions(y))
        .positional('scenario', { type: 'string', describe: 'A scenario file whose values to show (default: the defaults)' })
        .option('format', { choices: FORMATS, default: 'text' as const, describe: 'text (aligned columns), markdown (a table) or json' })
        .example('$0 params', 'The defaults and their sources')
        .example('$0 params scenarios/meshclaw.yaml --format markdown', "meshclaw's values, as a Markdown table") as unknown as Argv<ParamsArgs>,
    async (args) => {
      const model = (await modelWithPolicyFiles(args.policy)) ?? DEFAULT_MODEL;
      const scenario = args.scenario ? loadScenario(args.scenario, loadOptions({ ...args, model })) : undefined;
      const params = parameters(model, scenario);
      if (args.format === 'json') process.stdout.write(`${JSON.stringify(params, null, 2)}\n`);
      else if (args.format === 'markdown') process.stdout.write(parametersMarkdown(params));
      else {
        const c = evidenceCounts(params);
        process.stdout.write(parametersText(params));
        process.stdout.write(`\n${params.length} parameters: ${c.sourced} from published figures, ${c.assumed} assumptions, ${c.chosen} settings of the scenario${c.missing ? `, ${c.missing} with nothing declared` : ''}.\n`);
      }
    },
  );
}
