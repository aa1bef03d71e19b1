import { z } from 'zod';
import { apiErrorBody, apiRoutes, ORDER_TOKEN_HEADER, type RouteDef } from '@shop/shared';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the shared route table and its zod schemas: the same
 * schemas validate requests, so the document cannot drift from what the server accepts.
 */
type JsonSchema = Record<string, unknown>;

export function buildOpenApiDocument(serverUrl: string): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    delete json.$schema;
    const rename = io === 'input' ? inputName : (name: string) => name;
    for (const [name, def] of Object.entries(defs)) components[rename(name)] = retarget(def, rename);
    return retarget(json, rename);
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(apiRoutes) as [string, RouteDef][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.access.kind === 'public' || route.access.kind === 'optional' ? { security: [] } : {}),
      'x-access': route.access,
      parameters: [
        ...parameters(route.params, 'path', toSchema),
        ...parameters(route.query, 'query', toSchema),
        ...(route.orderTokenHeader ? [orderTokenParameter] : []),
      ],
      ...(route.upload && {
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: uploadSchema(route, toSchema) } },
        },
      }),
      ...(route.body &&
        !route.upload && {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }),
      responses: responses(route, toSchema),
    };
  }
  toSchema(apiErrorBody, 'output'); // registers the Error component every error response refers to
  return {
    openapi: '3.1.0',
    info: {
      title: 'Computer shop API',
      version: '1.0.0',
      description:
        'Money is in integer minor units (USD cents, KHR riel). Errors answer { error: { code, message, fields? } }.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  };
}

/** The token of a guest order's link, on the routes that take it in a header (an upload's, read before the file). */
const orderTokenParameter = {
  name: ORDER_TOKEN_HEADER,
  in: 'header',
  required: true,
  description: "The token of the guest order's link; any other (or none) is 404",
  schema: { type: 'string', minLength: 32, maxLength: 64 },
};

function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  toSchema: (s: z.ZodType, io: 'input') => JsonSchema,
) {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

function responses(route: RouteDef, toSchema: (s: z.ZodType, io: 'output') => JsonSchema) {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const statuses: Record<string, unknown> = {
    [String(route.status ?? 200)]: {
      description: 'Success',
      content: route.produces
        ? Object.fromEntries(
            route.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          )
        : { 'application/json': { schema: toSchema(route.response, 'output') } },
    },
    400: error('Invalid request: `fields` says which parameter is wrong'),
  };
  if (route.access.kind === 'signed-in' || route.access.kind === 'permission') {
    statuses[401] = error('Not signed in');
    if (route.access.kind === 'permission')
      statuses[403] = error(`Requires the ${route.access.permission} permission`);
  }
  for (const status of route.errors ?? [])
    statuses[status] = error(status === 404 ? 'Not found' : 'Conflict');
  return statuses;
}

/** Input and output forms of a schema differ (defaults, coercion); name the input one apart when they do. */
function inputName(name: string): string {
  return name.endsWith('Input') || name.endsWith('Patch') ? name : `${name}Input`;
}

function retarget(node: unknown, rename: (name: string) => string): JsonSchema {
  return JSON.parse(
    JSON.stringify(node).replace(
      /"#\/\$defs\/([^"]+)"/g,
      (_, name: string) => `"#/components/schemas/${rename(name)}"`,
    ),
  ) as JsonSchema;
}

/** An upload's form: the file field, plus the text fields its body schema describes. */
function uploadSchema(route: RouteDef, toSchema: (s: z.ZodType, io: 'input') => JsonSchema): JsonSchema {
  const fields = route.body ? toSchema(route.body, 'input') : { type: 'object', properties: {} };
  const properties = (fields.properties ?? {}) as Record<string, JsonSchema>;
  return {
    type: 'object',
    properties: {
      ...properties,
      [route.upload!.field]: {
        type: 'string',
        format: 'binary',
        description: `at most ${route.upload!.maxBytes} bytes`,
      },
    },
    required: [route.upload!.field, ...((fields.required ?? []) as string[])],
  };
}
