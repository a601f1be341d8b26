import { fuzzRoles } from './fuzz-roles';
import { allRoutes } from '@cqrs/tools-workspace';

describe('fuzzRoles', () => {
  it('names every role a public route or a rule needs, never service', () => {
    // Act
    const roles = fuzzRoles(allRoutes, ['risk', 'service']);

    // Assert
    expect(roles).toEqual(['integrations', 'operator', 'risk']);
  });
});
