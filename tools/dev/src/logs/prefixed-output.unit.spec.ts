import { PrefixedOutput } from './prefixed-output';

describe('PrefixedOutput', () => {
  it('prefixes every physical line with the padded name and keeps a plain tail', () => {
    const written: string[] = [];
    const output = new PrefixedOutput({
      name: 'customers-evp',
      width: 15,
      index: 0,
      color: false,
      write: (line) => written.push(line),
      tailLines: 2,
    });

    output.line('plain text');
    output.line(
      JSON.stringify({
        level: 50,
        msg: 'failed',
        err: { message: 'x', stack: 'Error: x\n    at y' },
      }),
    );

    expect(written).toEqual([
      'customers-evp   | plain text',
      'customers-evp   | ERROR failed err=x',
      'customers-evp   |   Error: x',
      'customers-evp   |       at y',
    ]);
    expect(output.tail.get()).toEqual(['  Error: x', '      at y']);
  });

  it('keeps the tail free of colours when the terminal gets them', () => {
    const written: string[] = [];
    const output = new PrefixedOutput({
      name: 'a',
      width: 1,
      index: 3,
      color: true,
      write: (line) => written.push(line),
    });

    output.line(JSON.stringify({ level: 30, msg: 'hi' }));

    expect(written[0]).toContain('\u001b[');
    expect(output.tail.get()).toEqual(['INFO  hi']);
  });
});
