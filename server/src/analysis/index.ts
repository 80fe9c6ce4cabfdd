/**
 * Public face of the claim engine: `analyze(text, options)`. Pure TypeScript: no `vscode*`
 * imports, no I/O. The language server, the CLI and the benchmarks all call this.
 */
export { analysisSteps, analyze, type Progress, type Steps } from './engine';
export type { Analysis, AnalyzeOptions, Claim, ClaimKind, ClaimValue, Sentence, TextRange } from './types';
