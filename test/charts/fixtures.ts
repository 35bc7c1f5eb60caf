import { type ScenarioChartData, type WeeklyBand, METRIC_NAMES } from '../../src/index.ts';
/** Small tidy inputs for chart tests: three weeks, one scenario, made by hand. */

export function chartData(overrides: Partial<ScenarioChartData> = {}): ScenarioChartData {
  const bands: WeeklyBand[] = [];
  for (const metric of METRIC_NAMES) {
    for (let week = 0; week < 3; week++) {
      const mean = metric.startsWith('share') ? 0.2 : metric === 'majorOutages' ? week : 10 + week;
      bands.push({ scenario: 'toy', week, metric, mean, lo: mean * 0.9, hi: mean * 1.1 });
    }
  }
  return {
    name: 'toy',
    colour: '#009E73',
    bands,
    tokenBins: [
      { from: 7, to: 7.05, engineers: 3 },
      { from: 7.4, to: 7.45, engineers: 12 },
    ],
    noTokens: 2,
    agents: [
      { usageRank: 0.1, output: 0.9, strategy: 'manual' },
      { usageRank: 0.9, output: 0.7, strategy: 'maxer' },
    ],
    quotaTarget: 25e6,
    mandateWeek: 1,
    pricePerMillionTokens: 2.5,
    ...overrides,
  };
}
