import { describeSharedPublicCache } from '@bff/testing';

describeSharedPublicCache('web-bff');
