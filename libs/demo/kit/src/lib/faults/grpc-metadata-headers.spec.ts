import { Metadata } from '@grpc/grpc-js';
import { metadataHeaders } from './grpc-metadata-headers';

describe('metadataHeaders', () => {
  it('turns metadata into lower-case headers with string values', () => {
    const metadata = new Metadata();
    metadata.set('X-Request-Id', 'abc');
    metadata.add('x-tag', 'one');
    metadata.add('x-tag', 'two');
    metadata.set('x-trace-bin', Buffer.from([1, 2, 3]));
    expect(metadataHeaders(metadata)).toEqual({ 'x-request-id': 'abc', 'x-tag': 'one, two', 'x-trace-bin': 'AQID' });
  });

  it('gives no headers for empty metadata', () => {
    expect(metadataHeaders(new Metadata())).toEqual({});
  });
});
