import {z} from 'zod';
import type {ToolSpec} from '../model-client.js';
import type {ProviderFunctionTool} from './provider-model.js';

/** What is wrong with a call's arguments, one line per problem; undefined when they match. */
export type CheckArguments = (input: unknown) => string | undefined;

/** Our tools as the provider receives them, and a check of each one's arguments (absent for a schema zod cannot read). */
export interface ProviderTools {
  tools: ProviderFunctionTool[];
  checks: ReadonlyMap<string, CheckArguments | undefined>;
}

/** Checks a call's arguments against the tool's JSON Schema, so a call that does not match comes back `invalid`. */
function checkFor(parameters: Record<string, unknown>): CheckArguments | undefined {
  let schema: z.ZodType;
  try {
    schema = z.fromJSONSchema(parameters as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return undefined; // a schema zod cannot read is sent as it is and not checked here
  }
  return (input) => {
    const result = schema.safeParse(input);
    if (result.success) return undefined;
    return result.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`).join('; ');
  };
}

/**
 * Our tools as function tools with the JSON Schema we were given as their parameters. Nothing runs
 * them here: the calls come back to the controller, which runs them.
 */
export function toProviderTools(specs: readonly ToolSpec[]): ProviderTools {
  const tools: ProviderFunctionTool[] = [];
  const checks = new Map<string, CheckArguments | undefined>();
  for (const spec of specs) {
    tools.push({type: 'function', name: spec.name, description: spec.description, inputSchema: spec.parameters});
    checks.set(spec.name, checkFor(spec.parameters));
  }
  return {tools, checks};
}
