import type { BenchPart } from './options';

/**
 * The report's sections of each part sit between HTML comments naming the part and the run that measured it, so a
 * run of one part (--only) can carry the other part's sections over from the file it replaces.
 */
export interface CarriedPart {
  /** Date, mode and load average of the run that measured it. */
  measured: string;
  body: string;
}

export function wrapPart(part: BenchPart, measured: string, body: string): string {
  return `<!-- bench:${part} measured ${measured} -->\n\n${body.trim()}\n\n<!-- /bench:${part} -->`;
}

export function carriedPart(markdown: string, part: BenchPart): CarriedPart | null {
  const marked = new RegExp(
    `<!-- bench:${part} measured (.*?) -->\\s*([\\s\\S]*?)\\s*<!-- /bench:${part} -->`,
  ).exec(markdown);
  if (marked) return { measured: marked[1]!, body: marked[2]! };
  if (part !== 'catalog') return null;
  // A report written before parts were marked holds only the catalog: its sections from Targets to How to run.
  const start = markdown.indexOf('\n## Targets\n');
  const end = markdown.indexOf('\n## How to run\n');
  if (start < 0 || end < start) return null;
  const date = /^- Date: (.+? UTC)/m.exec(markdown)?.[1] ?? 'an earlier run';
  const mode = /^- Mode: (--quick|full)/m.exec(markdown)?.[1];
  const load = /^- Load average .*?mean ([\d.]+)/m.exec(markdown)?.[1];
  return {
    measured: [date, mode, load && `load average mean ${load}`].filter(Boolean).join(', '),
    body: markdown.slice(start, end).trim(),
  };
}
