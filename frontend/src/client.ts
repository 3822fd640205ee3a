// A small typed fetch wrapper over the generated API types (src/api/schema.ts, generated
// from /openapi.json by openapi-typescript; never edit that file by hand).
import type { components, paths } from "./api/schema";

export type Schemas = components["schemas"];
export type EntityBrief = Schemas["EntityBrief"];

type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
type GetOp<P extends GetPath> = paths[P]["get"];
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type PathOf<O> = O extends { parameters: { path: infer X } } ? X : never;
export type JsonOf<P extends GetPath> =
  GetOp<P> extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;

export interface RequestOptions<P extends GetPath> {
  path?: PathOf<GetOp<P>>;
  query?: QueryOf<GetOp<P>>;
}

/** An error answer of the API (RFC 9457 problem), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** The URL of an operation: path parameters filled in, empty query values left out. */
export function apiUrl<P extends GetPath>(path: P, options: RequestOptions<P> = {}): string {
  let url: string = path;
  const pathParams = (options.path ?? {}) as Record<string, string | number>;
  for (const [name, value] of Object.entries(pathParams)) {
    url = url.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries((options.query ?? {}) as Record<string, QueryValue>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") query.append(name, String(item));
    }
  }
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

/** GET an operation and return its JSON, typed by the OpenAPI document. */
export async function apiGet<P extends GetPath>(
  path: P,
  options: RequestOptions<P> = {},
  signal?: AbortSignal,
): Promise<JsonOf<P>> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options), {
      headers: { Accept: "application/json" },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "The API could not be reached. Is the server running?");
  }
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = (await response.json()) as { detail?: string };
      if (problem.detail) detail = problem.detail;
    } catch {
      // not a problem document: keep the status line
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as JsonOf<P>;
}
