import type { RequestBodyObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { setBodyMediaTypes } from './route-media-types';

const REQUEST_CONTENT = 'wasmwiz:request-content';

/**
 * The request body of a route that takes more than one media type, each with its own schema
 * (ApiBody gives every media type the same one): the document takes it as it is, and the route
 * refuses the others (see refuseMediaTypesRoutesDoNotTake).
 */
export function ApiRequestContent(content: RequestBodyObject['content']): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    Reflect.defineMetadata(REQUEST_CONTENT, content, descriptor.value);
    setBodyMediaTypes(descriptor.value, Object.keys(content));
  };
}

export function declaredRequestContent(handler: object): RequestBodyObject['content'] | undefined {
  return Reflect.getMetadata(REQUEST_CONTENT, handler);
}
