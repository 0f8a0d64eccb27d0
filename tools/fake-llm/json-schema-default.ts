type Schema = Record<string, unknown>;

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '1970-01-01T00:00:00.000Z',
  date: '1970-01-01',
  time: '00:00:00',
  duration: 'PT0S',
  email: 'learner@example.com',
  hostname: 'example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  uuid: '00000000-0000-7000-8000-000000000000',
};

// Recursive schemas (a tree node holding nodes) stop here instead of recursing forever.
const MAX_DEPTH = 24;

/**
 * The smallest value that satisfies a JSON schema as the AI SDK sends it, so an unscripted
 * structured reply passes the caller's validation: required properties only, "" / 0 / false /
 * [] / null, the first enum value or union member, and lengths, counts and bounds honoured.
 * Anthropic's request moves constraints such as `minLength` into the description ("min length:
 * 3."), so they are read from there too.
 */
export function buildSchemaDefault(schema: unknown): unknown {
  return valueFor(schema, asSchema(schema) ?? {}, 0);
}

function valueFor(node: unknown, root: Schema, depth: number): unknown {
  const schema = asSchema(node);
  if (schema === undefined || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') return valueFor(resolveRef(root, schema.$ref), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const union = firstOf(schema.anyOf) ?? firstOf(schema.oneOf);
  if (union !== undefined) return valueFor(union, root, depth + 1);
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => valueFor(part, root, depth + 1));
    if (parts.every(isPlainObject)) return Object.assign({}, ...parts);
    return parts[0] ?? null;
  }
  if ('default' in schema) return schema.default;
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, root, depth);
    case 'array':
      return arrayFor(schema, root, depth);
    case 'string':
      return stringFor(schema);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function typeOf(schema: Schema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (typeof type === 'string') return type;
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function objectFor(schema: Schema, root: Schema, depth: number): Record<string, unknown> {
  const properties = asSchema(schema.properties) ?? {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const value: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof name === 'string') value[name] = valueFor(properties[name], root, depth + 1);
  }
  return value;
}

function arrayFor(schema: Schema, root: Schema, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const count = Math.max(constraint(schema, 'minItems', 'min items') ?? 0, prefix.length);
  const items: unknown[] = [];
  for (let index = 0; index < count; index++) {
    const itemSchema =
      index < prefix.length ? prefix[index] : Array.isArray(schema.items) ? {} : schema.items;
    items.push(valueFor(itemSchema, root, depth + 1));
  }
  return items;
}

function stringFor(schema: Schema): string {
  const example = typeof schema.format === 'string' ? FORMAT_EXAMPLES[schema.format] : undefined;
  if (example !== undefined) return example;
  const described =
    typeof schema.description === 'string' ? schema.description.match(/format: ([\w-]+)/) : null;
  const describedExample = described?.[1] === undefined ? undefined : FORMAT_EXAMPLES[described[1]];
  if (describedExample !== undefined) return describedExample;
  return 'a'.repeat(constraint(schema, 'minLength', 'min length') ?? 0);
}

function numberFor(schema: Schema, integer: boolean): number {
  const minimum = constraint(schema, 'minimum', 'minimum');
  const exclusiveMinimum = constraint(schema, 'exclusiveMinimum', 'exclusive minimum');
  const maximum = constraint(schema, 'maximum', 'maximum');
  const exclusiveMaximum = constraint(schema, 'exclusiveMaximum', 'exclusive maximum');
  let value = 0;
  if (minimum !== undefined && value < minimum) value = integer ? Math.ceil(minimum) : minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
    value = integer ? Math.floor(exclusiveMinimum) + 1 : exclusiveMinimum + 1;
  }
  if (maximum !== undefined && value > maximum) value = integer ? Math.floor(maximum) : maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
    value = integer ? Math.ceil(exclusiveMaximum) - 1 : exclusiveMaximum - 1;
  }
  return value;
}

/** A numeric constraint from its keyword, or from the description Anthropic's sanitiser wrote. */
function constraint(schema: Schema, keyword: string, described: string): number | undefined {
  const value = schema[keyword];
  if (typeof value === 'number') return value;
  if (typeof schema.description !== 'string') return undefined;
  const match = schema.description.match(new RegExp(`(?<!exclusive )\\b${described}: (-?\\d+(?:\\.\\d+)?)`));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function resolveRef(root: Schema, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    current = asSchema(current)?.[segment];
  }
  return current;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) && value.length > 0 ? value[0] : undefined;
}

function asSchema(value: unknown): Schema | undefined {
  return isPlainObject(value) ? value : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
