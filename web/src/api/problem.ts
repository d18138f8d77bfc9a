// AMS answers every error as application/problem+json: {type, title, status, detail, errors: [{field, message}]}.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors by field name ("configuration.url"), for showing next to their inputs. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

export async function problemFrom(response: Response): Promise<Problem> {
  const fallback: Problem = { title: response.statusText || "Request failed", status: response.status };
  try {
    const body = (await response.clone().json()) as Partial<Problem>;
    if (body && typeof body === "object" && typeof body.title === "string") {
      return { ...fallback, ...body, status: body.status ?? response.status } as Problem;
    }
  } catch {
    // Not JSON: a proxy or network error page; the status line is all we have.
  }
  return fallback;
}

/** A sentence for the user from any error a query or mutation may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title;
  if (error instanceof TypeError) return "AMS could not be reached. Check that it is running.";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
