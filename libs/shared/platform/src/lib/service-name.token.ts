/** DI token for the running service's name, as given to `PlatformModule.forRoot`. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
