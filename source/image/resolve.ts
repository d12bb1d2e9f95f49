import type {ImagePlan, ImageTags} from './plan.js';

export type ImageExists = (reference: string) => Promise<boolean>;

/**
 * OpenHands 0.15's decision order (its runtime_build.py, build_runtime_image_in_folder), with
 * existence injected: force → scratch; source tag present → reuse; lock tag → lock build;
 * versioned tag → versioned build; else scratch. Unlike 0.15 nothing is pulled: only local images count.
 */
export async function planRuntimeImage(options: {
  repo: string;
  baseImage: string;
  tags: ImageTags;
  forceRebuild: boolean;
  imageExists: ImageExists;
}): Promise<ImagePlan> {
  const {repo, baseImage, tags, forceRebuild, imageExists} = options;
  const reference = (tag: string) => `${repo}:${tag}`;
  const plan = (strategy: ImagePlan['strategy'], fromImage: string, reason: string): ImagePlan => ({
    repo,
    baseImage,
    tags,
    image: reference(tags.source),
    strategy,
    reason,
    fromImage,
  });

  if (forceRebuild) {
    return plan('scratch', baseImage, 'a rebuild was forced, so the image is built from the base image');
  }
  if (await imageExists(reference(tags.source))) {
    return plan('reuse', reference(tags.source), 'an image for this exact setup and server already exists: no build needed');
  }
  if (await imageExists(reference(tags.lock))) {
    return plan(
      'lock',
      reference(tags.lock),
      'an image with the same base, template and dependencies exists: only the server is copied in',
    );
  }
  if (await imageExists(reference(tags.versioned))) {
    return plan(
      'versioned',
      reference(tags.versioned),
      'an image of this oh-tui version on the same base exists: dependencies are reinstalled on top',
    );
  }
  return plan('scratch', baseImage, 'no earlier runtime image matches: building from the base image');
}

/**
 * The tags a build applies: always the source tag; the lock and versioned tags when they are
 * missing (a forced rebuild moves all three). 0.15 never applied the versioned tag.
 */
export async function tagsToApply(plan: ImagePlan, imageExists: ImageExists): Promise<string[]> {
  const references = [plan.tags.source, plan.tags.lock, plan.tags.versioned].map((tag) => `${plan.repo}:${tag}`);
  if (plan.strategy === 'scratch') return references;
  const [source, ...others] = references as [string, ...string[]];
  const missing: string[] = [];
  for (const reference of others) {
    if (!(await imageExists(reference))) missing.push(reference);
  }
  return [source, ...missing];
}
