import { describeSharedPublicCache } from '@bff/testing';

describeSharedPublicCache('mobile-bff');
