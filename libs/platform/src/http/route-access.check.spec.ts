import { Controller, Get, Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import pino from 'pino';
import { AuthenticatedUser, IdentityFacade, UserSummary } from '@libs/contracts';
import { PLATFORM_CONFIG, readConfig } from '../config';
import { PlatformModule } from '../runtime/platform.module';
import { Authenticated } from './authenticated.decorator';
import { Public } from './public.decorator';

class FakeIdentity extends IdentityFacade {
  async verifyCredentials(): Promise<boolean> {
    return false;
  }
  async userExists(): Promise<boolean> {
    return false;
  }
  async verifyAccessToken(): Promise<AuthenticatedUser | null> {
    return null;
  }
  async getUser(): Promise<UserSummary | null> {
    return null;
  }
}

@Global()
@Module({ providers: [{ provide: IdentityFacade, useClass: FakeIdentity }], exports: [IdentityFacade] })
class FakeIdentityModule {}

@Controller('open')
@Public()
class OpenController {
  @Get()
  list(): string {
    return 'ok';
  }
}

@Controller('mixed')
@Authenticated()
class MixedController {
  @Get('private')
  secret(): string {
    return 'secret';
  }

  @Get('public')
  @Public()
  open(): string {
    return 'open';
  }
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  oops(): string {
    return 'oops';
  }

  helper(): string {
    return 'not a route';
  }
}

@Controller('both')
class BothController {
  @Get()
  @Public()
  @Authenticated()
  confused(): string {
    return '?';
  }
}

async function boot(controllers: Array<new () => object>, withIdentity: boolean): Promise<void> {
  const config = readConfig([PLATFORM_CONFIG], {});
  const module = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ config, logger: pino({ level: 'silent' }), processName: 'test' }), ...(withIdentity ? [FakeIdentityModule] : [])],
    controllers,
  }).compile();
  try {
    await module.init();
  } finally {
    await module.close();
  }
}

describe('RouteAccessCheck (ADR 0010)', () => {
  it('boots when every route is @Public() or @Authenticated() (method overrides controller) and identity is bound', async () => {
    await expect(boot([OpenController, MixedController], true)).resolves.toBeUndefined();
  });

  it('boots public-only processes without any IdentityFacade', async () => {
    await expect(boot([OpenController], false)).resolves.toBeUndefined();
  });

  it('fails boot naming every route without a marker (or with both), ignoring non-route methods', async () => {
    const error = await boot([OpenController, ForgottenController, BothController], true).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('ForgottenController.oops: is neither @Public() nor @Authenticated()');
    expect(message).toContain('BothController.confused');
    expect(message).not.toContain('helper');
    expect(message).not.toContain('OpenController');
  });

  it("fails boot when authenticated routes exist but no IdentityFacade is bound, telling the owner to require 'identity'", async () => {
    await expect(boot([MixedController], false)).rejects.toThrow(/requires: \['identity'\]/);
  });
});
