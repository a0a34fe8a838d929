// The step definitions agree with each other and with the parameters that name a step: flows/ is the one
// source of truth for the program's steps, so an inconsistent definition stops start-up with a clear reason.
import type { Content } from './schema.js';

export interface StepProblem { section: 'steps' | 'parameters'; text: string }

/** Problems with the steps (flows/exposure.yaml) and the parameters that refer to them; empty when consistent. */
export function checkSteps(content: Pick<Content, 'steps' | 'parameters'>): StepProblem[] {
  const problems: StepProblem[] = [];
  const report = (section: StepProblem['section'], text: string) => problems.push({ section, text });
  const where = (i: number) => `steps.${i} (id ${content.steps[i]!.id})`;
  content.steps.forEach((step, i) => {
    if (step.number !== i + 1) {
      report('steps', `${where(i)}: number is ${step.number} but it is step ${i + 1} in order; number the steps 1, 2, 3 ... as they are listed`);
    }
  });
  let sizesReached = false;
  content.steps.forEach((step, i) => {
    if (step.advance_by_size && !step.uses_dilator) {
      report('steps', `${where(i)}: advance_by_size is true but uses_dilator is not; sizes can only go up at a step that uses a dilator`);
    } else if (step.uses_dilator && !step.advance_by_size && !sizesReached) {
      report('steps', `${where(i)}: uses a dilator at the size already reached, but no earlier step goes through the sizes; mark the first dilator step advance_by_size: true`);
    }
    if (step.advance_by_size) sizesReached = true;
  });
  const { min_step: minStep } = content.parameters.strength;
  if (minStep > content.steps.length) {
    report('parameters', `parameters.strength.min_step is ${minStep} but the program has ${content.steps.length} steps; strength work could never unlock`);
  }
  return problems;
}
