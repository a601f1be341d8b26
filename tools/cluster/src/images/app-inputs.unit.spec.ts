import { defaultImageTag } from './app-inputs';

describe('defaultImageTag', () => {
  const inputs = [
    { app: 'orders-cmdh', inputs: 'aaa' },
    { app: 'customers-qryh', inputs: 'bbb' },
  ];

  it('is a short hash that does not depend on the order of the apps', () => {
    const tag = defaultImageTag(inputs);

    expect(tag).toMatch(/^[0-9a-f]{12}$/);
    expect(defaultImageTag([...inputs].reverse())).toBe(tag);
  });

  it('changes with any app content', () => {
    expect(defaultImageTag([inputs[0]!, { app: 'customers-qryh', inputs: 'ccc' }])).not.toBe(
      defaultImageTag(inputs),
    );
  });
});
