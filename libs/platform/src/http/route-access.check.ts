import { Injectable, OnModuleInit } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModuleRef, Reflector } from '@nestjs/core';
import { ConfigError } from '../config';
import { resolveIdentityFacade } from './auth.guard';
import { routeAccess } from './route-access';

export interface RouteProblem {
  route: string;
  problem: string;
}

/**
 * Boot check (ADR 0010): every HTTP route of every controller must be explicitly `@Public()` or `@Authenticated()`
 * (on the method or its controller), and a process with authenticated routes must have an IdentityFacade bound
 * (identity booted here, or `requires: ['identity']` in the owning module's manifest). Boot fails listing every
 * offending route, so forgetting a marker can never silently expose a route.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const problems = this.problems();
    if (problems.length > 0) throw new ConfigError(problems.map((p) => `${p.route}: ${p.problem}`));
  }

  problems(): RouteProblem[] {
    const problems: RouteProblem[] = [];
    const needingIdentity = new Set<string>();
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller?.prototype) continue;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (path === undefined || method === undefined) continue; // not an HTTP route (gRPC handlers, helpers)
        const route = `${controller.name}.${name}`;
        const access = routeAccess(this.reflector, handler, controller);
        if (access === undefined) problems.push({ route, problem: 'is neither @Public() nor @Authenticated() (or is both at the same level); mark it explicitly' });
        if (access === 'authenticated') needingIdentity.add(wrapper.host?.metatype?.name ?? controller.name);
      }
    }
    if (needingIdentity.size > 0 && !resolveIdentityFacade(this.moduleRef)) {
      problems.push({
        route: [...needingIdentity].join(', '),
        problem: "has @Authenticated() routes but no IdentityFacade is bound in this process; add requires: ['identity'] to the module's manifest (or boot identity here)",
      });
    }
    return problems;
  }
}
