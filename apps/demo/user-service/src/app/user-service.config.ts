import { TypedConfig } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const userServiceConfigSchema = z.object({ ...listenConfigShape(DOWNSTREAM_SERVICES.user.defaultPort) });

export class UserServiceConfig extends TypedConfig<z.output<typeof userServiceConfigSchema>> {}
