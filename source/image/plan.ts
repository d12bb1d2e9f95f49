/** How the runtime image gets made, in OpenHands 0.15's decision order (see planRuntimeImage). */
export type BuildStrategy = 'reuse' | 'lock' | 'versioned' | 'scratch';

export interface ImageTags {
  /** oh_v{version}_{lockhash}_{srchash}: this exact setup and server bundle. */
  source: string;
  /** oh_v{version}_{lockhash}: same base image, template, dependencies and settings. */
  lock: string;
  /** oh_v{version}_{base}: same oh-tui version and base image. */
  versioned: string;
}

export interface ImagePlan {
  repo: string;
  baseImage: string;
  tags: ImageTags;
  /** `${repo}:${tags.source}`: the image the runtime container runs. */
  image: string;
  strategy: BuildStrategy;
  /** One sentence for people: why this strategy was chosen. */
  reason: string;
  /** The image the Dockerfile starts FROM (base image, or an existing lock/versioned tag). */
  fromImage: string;
}
