import type { ProblemCode } from './problem-codes';

const PROBLEMS = 'wasmwiz:problems';

/**
 * The problems a route (or every route of a controller) gives beyond those that follow from its
 * shape (see ROUTE_SHAPE_PROBLEMS): the OpenAPI document lists them, grouped by status, and the
 * contract tests fail on an answer whose code is not listed for its route.
 */
export function ApiProblems(...codes: ProblemCode[]): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    addProblems(descriptor ? descriptor.value : target, codes);
  };
}

/** For decorators of another kind (a route parameter's) that bring problems of their own. */
export function addProblems(handlerOrController: object, codes: ProblemCode[]): void {
  Reflect.defineMetadata(PROBLEMS, [...declaredProblems(handlerOrController), ...codes], handlerOrController);
}

export function declaredProblems(handlerOrController: object): ProblemCode[] {
  return Reflect.getMetadata(PROBLEMS, handlerOrController) ?? [];
}
