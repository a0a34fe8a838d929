// Prompt templates live in prompts/, one file per template, in two sections ("## system", "## user").
// {{name}} placeholders are filled from a fixed list of values; a template asking for anything else is refused,
// so a prompt can only ever carry what the caller passes on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';

export const defaultPromptsDir = join(projectRoot, 'prompts');

export interface PromptMessages {
  system: string;
  user: string;
}

export interface PromptTemplate {
  name: string;
  render(values: Record<string, string>): PromptMessages;
}

export function loadPrompt(name: string, dir: string = defaultPromptsDir): PromptTemplate {
  const raw = readFileSync(join(dir, `${name}.md`), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const sections: Record<string, string[]> = {};
  let current: string | null = null;
  for (const line of raw.split('\n')) {
    const head = /^##\s+(system|user)\s*$/.exec(line);
    if (head) { current = head[1]!; sections[current] = []; continue; }
    if (current) sections[current]!.push(line);
  }
  if (!sections.system || !sections.user) throw new Error(`prompts/${name}.md needs a "## system" and a "## user" section`);
  const system = sections.system.join('\n').trim();
  const user = sections.user.join('\n').trim();
  const wanted = new Set([...`${system}\n${user}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!));
  return {
    name,
    render(values) {
      for (const key of wanted) if (!(key in values)) throw new Error(`prompts/${name}.md uses {{${key}}}, which was not given`);
      const fill = (t: string) => t.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => values[key]!);
      return { system: fill(system), user: fill(user) };
    },
  };
}
