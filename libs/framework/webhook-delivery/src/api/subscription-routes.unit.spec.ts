import type { RouteResponse } from '@cqrs/framework-core';
import { z } from 'zod';
import { webhookSubscriptionRoutes } from './subscription-routes';

describe('webhookSubscriptionRoutes', () => {
  const routes = webhookSubscriptionRoutes('things', ['thing.made.v1']);

  describe('update body', () => {
    const body = routes.update.body;

    it('refuses an empty change, and says so in its JSON Schema', () => {
      // Act
      const parsed = body.safeParse({});
      const schema = z.toJSONSchema(body, { io: 'input' }) as { minProperties?: number };

      // Assert
      expect(parsed.success).toBe(false);
      expect(schema.minProperties).toBe(1);
    });
  });

  describe('url', () => {
    it.each(['not a url', '/relative/path', ''])(
      'refuses %j as a 400, not an absolute URL',
      (url) => {
        // Act
        const parsed = routes.create.body.safeParse({ url });

        // Assert
        expect(parsed.success).toBe(false);
      },
    );

    it('documents the URL as a URI and leaves the target rules to the SSRF guard', () => {
      // Act
      const schema = z.toJSONSchema(routes.create.body, { io: 'input' }) as unknown as {
        properties: { url: { format?: string } };
      };

      // Assert
      expect(schema.properties.url.format).toBe('uri');
      expect(routes.create.body.safeParse({ url: 'ftp://example.com/hooks' }).success).toBe(true);
    });
  });

  it('links a new subscription to every operation on it, and a ping to its delivery', () => {
    // Act
    const linksOf = (response: RouteResponse) => response.links ?? {};
    const fromCreate = Object.values(linksOf(routes.create.responses[201]));
    const fromPing = linksOf(routes.ping.responses[202]);

    // Assert
    expect(fromCreate.map((link) => link.operationId).sort()).toEqual(
      [
        routes.get,
        routes.update,
        routes.remove,
        routes.disable,
        routes.enable,
        routes.rotateSecret,
        routes.ping,
        routes.listDeliveries,
        routes.replayFailed,
      ]
        .map((route) => route.operationId)
        .sort(),
    );
    expect(fromCreate.every((link) => link.parameters['path.id'] === '$response.body#/id')).toBe(
      true,
    );
    expect(fromPing.GetDelivery?.parameters).toEqual({
      'path.id': '$request.path.id',
      'path.deliveryId': '$response.body#/deliveryId',
    });
  });
});
