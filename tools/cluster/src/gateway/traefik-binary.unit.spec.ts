import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requiredVersion } from '../go-build';
import { traefikModuleDir, traefikVersion } from './traefik-binary';
import { traefikImageSpec } from './traefik-image';

describe('the Traefik wrapper module', () => {
  const goMod = readFileSync(path.join(traefikModuleDir, 'go.mod'), 'utf8');

  it('pins Traefik v3.6.12 and the Gateway API version it is built against', () => {
    expect(traefikVersion()).toBe('v3.6.12');
    expect(requiredVersion(goMod, 'sigs.k8s.io/gateway-api')).toBe('v1.4.0');
  });

  it("carries Traefik's own replace and exclude directives", () => {
    expect(goMod).toMatch(/github\.com\/gorilla\/mux => github\.com\/containous\/mux /);
    expect(goMod).toMatch(/github\.com\/abbot\/go-http-auth => github\.com\/containous\//);
    expect(goMod).toMatch(/github\.com\/mailgun\/minheap => github\.com\/containous\/minheap /);
    expect(goMod).toMatch(/^exclude github\.com\/tencentcloud\/tencentcloud-sdk-go /m);
  });

  it('reads a version from a require block or a single require line', () => {
    expect(requiredVersion('require example.com/m v1.2.3\n', 'example.com/m')).toBe('v1.2.3');
    expect(
      requiredVersion('require (\n\texample.com/m v1.2.3 // indirect\n)\n', 'example.com/m'),
    ).toBe('v1.2.3');
    expect(() => requiredVersion('', 'example.com/m')).toThrow(/does not require example.com\/m/);
  });
});

describe('traefikImageSpec', () => {
  it('is the static binary alone, tagged with the pinned release, as uid 65532', () => {
    expect(traefikImageSpec('/cache/traefik')).toEqual({
      name: 'localhost/cqrs/traefik:v3.6.12',
      files: [{ from: '/cache/traefik', to: '/traefik', mode: 0o755 }],
      entrypoint: ['/traefik'],
      user: '65532:65532',
    });
  });
});
