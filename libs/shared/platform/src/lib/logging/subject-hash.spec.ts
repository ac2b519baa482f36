import { SubjectHash } from './subject-hash';

const SECRET = 'a-subject-secret-of-at-least-32-characters';

describe('SubjectHash', () => {
  it('is 16 hex characters of the keyed hash, the same for the same subject, never the subject', () => {
    const keyed = new SubjectHash(SECRET);
    expect(keyed.of('7')).toMatch(/^[0-9a-f]{16}$/);
    expect(keyed.of('7')).toBe(new SubjectHash(SECRET).of('7'));
    expect(keyed.of('7')).not.toBe(new SubjectHash(`${SECRET}x`).of('7'));
    expect(keyed.of('7')).not.toBe(new SubjectHash().of('7'));
    // Without a secret: the SHA-256 prefix.
    expect(new SubjectHash().of('7')).toBe('7902699be42c8a8e');
  });
});
