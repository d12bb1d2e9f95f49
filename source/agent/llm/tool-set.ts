import {type JSONSchema7, jsonSchema, type ToolSet, tool} from 'ai';
import {z} from 'zod';
import type {ToolSpec} from '../model-client.js';

type Validate = (value: unknown) => {success: true; value: unknown} | {success: false; error: Error};

/** Checks a call's arguments against the tool's JSON Schema, so a call that does not match comes back `invalid`. */
function validatorFor(parameters: Record<string, unknown>): Validate | undefined {
  let schema: z.ZodType;
  try {
    schema = z.fromJSONSchema(parameters as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    return undefined; // a schema zod cannot read is sent as it is and not checked here
  }
  return (value) => {
    const result = schema.safeParse(value);
    if (result.success) return {success: true, value};
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`);
    return {success: false, error: new Error(problems.join('; '))};
  };
}

/**
 * Our tools as the AI SDK's, without `execute`: the SDK only parses and checks the calls, and the
 * controller runs them. The parameters go to the provider as the JSON Schema we were given.
 */
export function toToolSet(specs: readonly ToolSpec[]): ToolSet {
  const set: ToolSet = {};
  for (const spec of specs) {
    const validate = validatorFor(spec.parameters);
    set[spec.name] = tool({
      description: spec.description,
      inputSchema: jsonSchema(spec.parameters as JSONSchema7, validate ? {validate} : {}),
    });
  }
  return set;
}
