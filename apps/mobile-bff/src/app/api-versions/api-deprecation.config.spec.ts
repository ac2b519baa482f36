import { z } from 'zod';
import { apiDeprecationConfigShape, refineApiDeprecationConfig } from './api-deprecation.config';
import { deprecationHeaders } from './deprecation-headers.hook';

const schema = z.object(apiDeprecationConfigShape()).superRefine(refineApiDeprecationConfig);

describe('the deprecation config of version 1', () => {
  it('has defaults whose sunset comes after the deprecation', () => {
    const config = schema.parse({});
    expect(config.MOBILE_V1_SUNSET_AT.getTime()).toBeGreaterThan(config.MOBILE_V1_DEPRECATED_AT.getTime());
  });

  it('takes dates and date-times with an offset', () => {
    const config = schema.parse({
      MOBILE_V1_DEPRECATED_AT: '2027-01-01',
      MOBILE_V1_SUNSET_AT: '2027-07-01T12:00:00+02:00',
    });
    expect(config.MOBILE_V1_DEPRECATED_AT.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(config.MOBILE_V1_SUNSET_AT.toISOString()).toBe('2027-07-01T10:00:00.000Z');
  });

  it('refuses a sunset not after the deprecation, naming the sunset', () => {
    const result = schema.safeParse({
      MOBILE_V1_DEPRECATED_AT: '2027-06-01',
      MOBILE_V1_SUNSET_AT: '2027-06-01',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['MOBILE_V1_SUNSET_AT']);
  });

  it('refuses what is not a date, and a note URL that is not http(s)', () => {
    const result = schema.safeParse({
      MOBILE_V1_DEPRECATED_AT: 'next spring',
      MOBILE_V1_MIGRATION_URL: 'file:///etc/passwd',
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'MOBILE_V1_DEPRECATED_AT',
      'MOBILE_V1_MIGRATION_URL',
    ]);
  });
});

describe('deprecationHeaders', () => {
  it('writes RFC 9745, RFC 8594 and RFC 8288 values', () => {
    expect(
      deprecationHeaders(
        new Date('2026-12-01T00:00:00Z'),
        new Date('2027-06-01T00:00:00Z'),
        'https://m.example.com/docs/v2',
      ),
    ).toEqual({
      deprecation: '@1796083200',
      sunset: 'Tue, 01 Jun 2027 00:00:00 GMT',
      link: '<https://m.example.com/docs/v2>; rel="deprecation", <https://m.example.com/docs/v2>; rel="sunset"',
    });
  });
});
