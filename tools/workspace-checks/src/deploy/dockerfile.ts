import { workspaceRoot } from '@nx/devkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One instruction: its keyword in upper case and its arguments as written, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its `FROM` image, its `AS` name if any, and the instructions after the `FROM`. */
export interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

/**
 * A Dockerfile read into stages, enough to check its shape (the linter, dockerfile-utils,
 * checks the syntax). Comments and parser directives are dropped; `\` joins lines.
 *
 * @example
 * const dockerfile = Dockerfile.read('apps/web-bff/Dockerfile');
 * dockerfile.runtime.image; // 'node:24-slim'
 */
export class Dockerfile {
  readonly stages: Stage[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.stages = toStages(instructionsOf(text));
  }

  static read(path: string): Dockerfile {
    return new Dockerfile(path, readFileSync(join(workspaceRoot, path), 'utf8'));
  }

  /** The last stage: what the image is. */
  get runtime(): Stage {
    return this.stages[this.stages.length - 1];
  }

  /** The stage named `name`. */
  stage(name: string): Stage | undefined {
    return this.stages.find((stage) => stage.name === name);
  }
}

/** The arguments of `keyword`'s instructions in `stage`, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.args);
}

/**
 * The variables a stage's `ENV` instructions set (`KEY=value` pairs, `\`-joined), with
 * `${ARG}` left as written.
 */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, 'ENV')) {
    for (const [, key, value] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[key] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** An exec-form argument list (`["node", "main.js"]`), or `undefined` for shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    // Docker runs a malformed JSON array through a shell: that is shell form.
    return undefined;
  }
}

function instructionsOf(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (pending === '' && /^\s*(#.*)?$/.test(line)) continue;
    if (/^\s*#/.test(line)) continue; // a comment inside a continued instruction
    const continued = /\\\s*$/.test(line);
    pending += `${continued ? line.replace(/\\\s*$/, '') : line} `;
    if (continued) continue;
    const [, keyword, args] = /^\s*(\S+)\s*(.*?)\s*$/.exec(pending) ?? [];
    instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') });
    pending = '';
  }
  return instructions;
}

function toStages(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(' ').filter((word) => !word.startsWith('--'));
      stages.push({ image, ...(as?.toUpperCase() === 'AS' && { name }), instructions: [] });
    } else {
      // Instructions before the first FROM (global ARGs) belong to no stage.
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}
