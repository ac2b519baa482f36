export interface Address {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

/**
 * A user as the user service returns it from `GET /users/:id`: the fields the
 * gateways read. The service may send more (it owns the record, and may add a
 * password hash or an internal flag any day), so a BFF never passes this object on
 * as it is: it builds its own contract from these fields (`toWebUser`, the mobile
 * users controller).
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
