import nunjucks from 'nunjucks';
import {readTemplate, type DockerfileVariables} from './dockerfile.js';

// Apart from dockerfile.ts so that deciding "no build" never loads nunjucks (~30 ms).
export function renderDockerfile(variables: DockerfileVariables, templateText = readTemplate()): string {
  const environment = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // Collapse the blank lines left where blocks were skipped.
  return environment.renderString(templateText, variables).replace(/\n{3,}/g, '\n\n');
}
