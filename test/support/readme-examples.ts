// README example answers: a ```json block directly after a line `<!-- example: METHOD /path/{param} STATUS -->`.
// Each is checked against the OpenAPI document: the route and status must be documented, and the JSON must
// validate against that response's schema.
import { Ajv2020 } from 'ajv/dist/2020.js';

export interface Example {
  method: string;
  path: string;
  status: string;
  line: number;
  json: string | null;
}

const MARKER = /^<!--\s*example:\s*([A-Z]+)\s+(\S+)\s+(\d{3})\s*-->\s*$/;

export function readmeExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]!);
    if (!m) continue;
    let json: string | null = null;
    if (lines[i + 1]?.trim() === '```json') {
      const end = lines.indexOf('```', i + 2);
      if (end > i) json = lines.slice(i + 2, end).join('\n');
    }
    examples.push({ method: m[1]!, path: m[2]!, status: m[3]!, line: i + 1, json });
  }
  return examples;
}

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Problems with the examples, one line each; empty when every example is documented and valid. */
export function checkExamples(markdown: string, document: object): string[] {
  const doc = document as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(doc as object, 'openapi.json');
  const problems: string[] = [];
  for (const ex of readmeExamples(markdown)) {
    const where = `README line ${ex.line} (${ex.method} ${ex.path} ${ex.status})`;
    if (ex.json === null) {
      problems.push(`${where}: the marker is not directly followed by a \`\`\`json block`);
      continue;
    }
    const operation = doc.paths[ex.path]?.[ex.method.toLowerCase()];
    if (!operation) {
      problems.push(`${where}: no such route in the OpenAPI document`);
      continue;
    }
    const response = operation.responses?.[ex.status];
    if (!response) {
      problems.push(`${where}: status ${ex.status} is not documented for this route`);
      continue;
    }
    const types = Object.keys(response.content ?? {});
    const type = types.includes('application/json') ? 'application/json' : types[0];
    if (!type || response.content![type]!.schema === undefined) {
      problems.push(`${where}: the documented answer has no schema to check the example against`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(ex.json);
    } catch (err) {
      problems.push(`${where}: not JSON: ${(err as Error).message}`);
      continue;
    }
    const ref = `openapi.json#/paths/${pointer(ex.path)}/${ex.method.toLowerCase()}/responses/${ex.status}/content/${pointer(type)}/schema`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    if (!validate(value)) problems.push(`${where}: does not match the schema: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
