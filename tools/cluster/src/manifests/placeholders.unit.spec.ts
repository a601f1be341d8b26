import { fillPlaceholders } from './placeholders';

describe('fillPlaceholders', () => {
  it('fills ${NAME} and leaves Kubernetes $(NAME) references alone', () => {
    expect(
      fillPlaceholders('a: ${PORT}\nb: $(POD_NAME):${HOST}', { PORT: 1, HOST: 'h' }, 'f'),
    ).toBe('a: 1\nb: $(POD_NAME):h');
  });

  it('refuses a placeholder without a value', () => {
    expect(() => fillPlaceholders('x: ${MISSING}', {}, 'kafka.yaml')).toThrow(
      'kafka.yaml: no value for ${MISSING}',
    );
  });
});
