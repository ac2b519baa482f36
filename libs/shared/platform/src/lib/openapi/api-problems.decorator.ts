import { ApiExtension } from '@nestjs/swagger';
import type { ErrorCode } from '@bff/problem';

/** The operation extension {@link ApiProblems} writes and the document builder turns into responses. */
export const PROBLEMS_EXTENSION = 'x-bff-problems';

/**
 * Names the catalogue codes a route answers besides {@link EDGE_PROBLEMS}, which
 * every route may answer. The API description gets one `application/problem+json`
 * response per status, with the `code` enum of that status.
 *
 * @example
 * @Get(':userId')
 * @ApiProblems('INVALID_ID', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND')
 * get(@Param('userId', ResourceIdPipe) userId: string) {}
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator {
  return ApiExtension(PROBLEMS_EXTENSION, codes) as MethodDecorator;
}
