import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeForStatus, errorCatalogue, problemType } from './error-catalogue';

describe('errorCatalogue', () => {
  it('is documented in the README, code for code and status for status', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const section = readme.split('<!-- error-catalogue:start -->')[1]?.split('<!-- error-catalogue:end -->')[0] ?? '';
    const documented = Object.fromEntries(
      [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]),
    );
    const catalogued = Object.fromEntries(Object.entries(errorCatalogue).map(([code, { status }]) => [code, status]));
    expect(documented).toEqual(catalogued);
  });

  it('derives a URN problem type from the code', () => {
    expect(problemType('UPSTREAM_TIMEOUT')).toBe('urn:bff:problem:upstream-timeout');
  });

  it('finds the code for a bare status, defaulting by class', () => {
    expect(codeForStatus(404)).toBe('NOT_FOUND');
    expect(codeForStatus(418)).toBe('BAD_REQUEST');
    expect(codeForStatus(507)).toBe('INTERNAL');
  });
});
