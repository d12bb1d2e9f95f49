import type {ImagePlan} from '../image/plan.js';

/** The plan as aligned plain-text lines, for `oh-tui build --dry-run` and plain progress output. */
export function describePlan(plan: ImagePlan): string {
  return [
    `base image  ${plan.baseImage}`,
    `image       ${plan.image}`,
    `tags        source     ${plan.tags.source}`,
    `            lock       ${plan.tags.lock}`,
    `            versioned  ${plan.tags.versioned}`,
    `strategy    ${plan.strategy}: ${plan.reason}`,
    `from        ${plan.fromImage}`,
  ].join('\n');
}
