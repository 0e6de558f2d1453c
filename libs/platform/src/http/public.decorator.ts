import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'junction:isPublic';

/** Marks a route (or controller) as reachable without an access token. Everything else is authenticated. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
