import { TypedConfig } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const userServiceConfigSchema = z.object({ ...listenConfigShape(4004) });

export class UserServiceConfig extends TypedConfig<z.output<typeof userServiceConfigSchema>> {}
