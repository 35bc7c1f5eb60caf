/**
 * The published figures goodhart's defaults come from, by key. A parameter names a key and the
 * figure it uses (src/scenario/evidence.ts); docs/SOURCES.md is generated from this list
 * (`npm run docs`). `summary` marks a source read through a summary of it rather than in full.
 */
export interface Source {
  citation: string;
  /** Where to find it, when the citation does not say: an arXiv number, a publisher. */
  where?: string;
  /** Read from a summary of the source, not the source itself. */
  summary?: boolean;
}

/** The published sources that parameters cite, by key. */
export const SOURCES = {
  becker2025: {
    citation: 'Becker, Rush, Barnes, Rein, "Measuring the Impact of Early-2025 AI on Experienced Open-Source Developer Productivity" (METR, 2025)',
    where: 'arXiv:2507.09089',
  },
  cui2026: { citation: 'Cui, Demirer, Jaffe, Musolff, Peng, Salz, three field experiments with 4,867 software developers, Management Science (2026)', where: 'SSRN (2024)' },
  peng2023: {
    citation: 'Peng, Kalliamvakou, Cihon, Demirer, "The Impact of AI on Developer Productivity: Evidence from GitHub Copilot" (2023)',
    where: 'arXiv:2302.06590',
  },
  paradis2024: { citation: 'Paradis et al., a randomised trial with 96 Google engineers (2024)', where: 'arXiv:2410.12944' },
  pearce2022: {
    citation: 'Pearce, Ahmad, Tan, Dolan-Gavitt, Karri, "Asleep at the Keyboard? Assessing the Security of GitHub Copilot’s Code Contributions", IEEE S&P 2022',
  },
  veracode2025: { citation: 'Veracode, "GenAI Code Security Report" (2025)', summary: true },
  coderabbit2025: { citation: 'CodeRabbit, "State of AI vs Human Code Generation" (2025)', summary: true },
  cortex2026: { citation: 'Cortex, "Engineering in the Age of AI" benchmark (2026)', summary: true },
  faros2026: { citation: 'Faros AI, "AI Engineering Report 2026: Acceleration Whiplash"', summary: true },
  faros2025: { citation: 'Faros AI, "The AI Productivity Paradox" (2025)', summary: true },
  perry2023: {
    citation: 'Perry, Srivastava, Kumar, Boneh, "Do Users Write More Insecure Code with AI Assistants?", ACM CCS 2023',
  },
  dora2024: { citation: 'DORA, "Accelerate State of DevOps Report 2024"', summary: true },
  uptime2024: { citation: 'Uptime Institute, "Annual Outage Analysis 2024"' },
  schweitzer2004: {
    citation: 'Schweitzer, Ordóñez, Douma, "Goal Setting as a Motivator of Unethical Behavior", Academy of Management Journal 47(3), 2004',
  },
  fischbacher2013: {
    citation: 'Fischbacher, Föllmi-Heusi, "Lies in Disguise: An Experimental Study on Cheating", Journal of the European Economic Association 11(3), 2013',
  },
  carrell2008: {
    citation: 'Carrell, Malmstrom, West, "Peer Effects in Academic Cheating", Journal of Human Resources 43(1), 2008',
  },
  charness2014: {
    citation: 'Charness, Masclet, Villeval, "The Dark Side of Competition for Status", Management Science 60(1), 2014',
  },
  barankay2012: {
    citation: 'Barankay, "Rank Incentives: Evidence from a Randomized Workplace Experiment", working paper, Wharton (2012)',
    summary: true,
  },
  blanesividal2011: {
    citation: 'Blanes i Vidal, Nossol, "Tournaments Without Prizes: Evidence from Personnel Records", Management Science 57(10), 2011',
    summary: true,
  },
  kuhnen2012: {
    citation: 'Kuhnen, Tymula, "Feedback, Self-Esteem, and Performance in Organizations", Management Science 58(1), 2012',
    summary: true,
  },
  falk2006: {
    citation: 'Falk, Kosfeld, "The Hidden Costs of Control", American Economic Review 96(5), 2006',
  },
  claudeCodeCosts2026: { citation: 'Claude Code documentation, the "costs" page (2026)' },
  uber2026: { citation: 'Reporting on Uber’s cap on agentic coding spend (2026)', summary: true },
  meshclaw2026: { citation: 'Reporting on Amazon’s MeshClaw usage mandate (May 2026)', summary: true },
  linkedin2018: { citation: 'LinkedIn Talent Solutions, employee turnover by industry (2018)', summary: true },
  jorgensen2023: {
    citation: 'Jørgensen, "Characteristics and generative mechanisms of software development productivity distributions", Information and Software Technology 159, 107215 (2023)',
    summary: true,
  },
} as const satisfies Record<string, Source>;

/** The key of a published source in `SOURCES`. */
export type SourceKey = keyof typeof SOURCES;
