import { z } from 'zod';

/** The body of `POST /credentials/verify`. The password bound stops huge inputs reaching scrypt. */
export const verifyCredentialsSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1_024),
});

export type VerifyCredentialsInput = z.output<typeof verifyCredentialsSchema>;
