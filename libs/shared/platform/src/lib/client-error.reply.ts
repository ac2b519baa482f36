import { PROBLEM_CONTENT_TYPE, errorCatalogue, problemType, type ErrorCode, type ProblemDetails } from '@bff/problem';
import type { ConnectionError } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security-headers';

/**
 * Answers a request Node's HTTP parser refused before any route could see it (a
 * malformed request line or header, headers past the size limit, or a client that
 * did not finish its headers or body within `HTTP_HEADERS_TIMEOUT_MS` /
 * `HTTP_REQUEST_TIMEOUT_MS`) with a problem+json body and `Connection: close`, then
 * closes the socket: after a parse error nothing more on that connection can be
 * trusted to start where a request starts. Each answer is written once, at start-up.
 * Installed as Fastify's `clientErrorHandler`.
 *
 * @example
 * new FastifyAdapter({ clientErrorHandler: answerClientError });
 */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  // A reset peer is gone; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node does: never write an answer into a response that has already started.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && (inFlight === undefined || inFlight === null || !inFlight.headersSent)) {
    socket.write(ANSWERS[answerFor(error.code)]);
  }
  socket.destroy();
}

type ClientErrorAnswer = 'timeout' | 'headersTooLarge' | 'malformed';

function answerFor(code: string | undefined): ClientErrorAnswer {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return 'headersTooLarge';
  return 'malformed';
}

const ANSWERS: Readonly<Record<ClientErrorAnswer, string>> = {
  timeout: rawAnswer('REQUEST_TIMEOUT', 'The request was not received in time.', 'Request Timeout'),
  headersTooLarge: rawAnswer('HEADERS_TOO_LARGE', 'The request headers are larger than the gateway accepts.', 'Request Header Fields Too Large'),
  malformed: rawAnswer('BAD_REQUEST', 'The request is not valid HTTP/1.1.', 'Bad Request'),
};

function rawAnswer(code: ErrorCode, detail: string, reason: string): string {
  const { status, title } = errorCatalogue[code];
  const problem: ProblemDetails = { type: problemType(code), title, status, detail, code };
  const body = JSON.stringify(problem);
  const headers = SECURITY_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n${headers}\r\n${body}`
  );
}
