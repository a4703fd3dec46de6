import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance } from 'fastify';
import { OCTET_STREAM } from './octet-stream';
import { problem } from './problem';
import { hasBody, mediaTypeOf } from './request-body';

export const JSON_MEDIA_TYPE = 'application/json';
export const MULTIPART = 'multipart/form-data';

/**
 * The media types Fastify parses for any route but only some routes take: a multipart body, and
 * an octet-stream one, are left unread by their parsers for the route to stream, so a route that
 * takes neither would see an empty body (a run with no stdin, an account form of nothing).
 */
const ROUTE_SPECIFIC = [MULTIPART, OCTET_STREAM];

/** The methods of routes that take no body here (none of them declares one). */
const WITHOUT_BODIES = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

interface MediaTypesConfig {
  bodyMediaTypes?: string[];
}

/**
 * Declares the media types a route's body may have (Fastify's route config, read by
 * refuseMediaTypesRoutesDoNotTake); a route that declares none takes JSON. Set by the decorators
 * that also describe the body in the OpenAPI document (ApiMultipartBody, ApiRequestContent).
 */
export function setBodyMediaTypes(handler: object, mediaTypes: string[]): void {
  const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {};
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, bodyMediaTypes: mediaTypes }, handler);
}

/** A multipart or octet-stream body on a route that does not take it: 415 naming what it takes, before the route runs. */
export function refuseMediaTypesRoutesDoNotTake(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const mediaType = mediaTypeOf(request.headers);
    if (mediaType === undefined || !ROUTE_SPECIFIC.includes(mediaType) || !hasBody(request.headers)) return done();
    const declared = (request.routeOptions.config as MediaTypesConfig).bodyMediaTypes;
    if (declared === undefined && WITHOUT_BODIES.has(request.method)) {
      return done(problem('unsupported_media_type', `${request.method} ${request.routeOptions.url} takes no body: send none`, { mediaType, accepted: [] }));
    }
    const taken = declared ?? [JSON_MEDIA_TYPE];
    // A multipart route's reader refuses any other body itself, naming the fields it takes (multipart_required).
    if (taken.includes(mediaType) || taken.includes(MULTIPART)) return done();
    done(problem('unsupported_media_type', `This route does not take ${mediaType} bodies: send ${taken.join(' or ')} (see its request body in /docs)`, { mediaType, accepted: taken }));
  });
}
