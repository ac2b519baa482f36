import { TypedConfig } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const reviewServiceConfigSchema = z.object({ ...listenConfigShape(4002) });

export class ReviewServiceConfig extends TypedConfig<z.output<typeof reviewServiceConfigSchema>> {}
