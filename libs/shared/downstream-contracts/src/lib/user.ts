export interface Address {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

/**
 * A user as the user service returns it from `GET /users/:id`.
 *
 * @example
 * const user: User = await userClient.getUser('1');
 */
export interface User {
  id: string;
  name: string;
  email: string;
  address: Address;
  createdAt: string;
}
