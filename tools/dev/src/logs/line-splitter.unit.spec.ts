import { LineSplitter } from './line-splitter';

const split = (chunks: (string | Buffer)[]): string[] => {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
};

describe('LineSplitter', () => {
  it('joins lines split across chunks and splits chunks holding several lines', () => {
    expect(split(['a', 'b\nc\r\nd', 'e\n'])).toEqual(['ab', 'c', 'de']);
  });

  it('keeps a multi-byte character that a chunk boundary cuts in two', () => {
    const bytes = Buffer.from('zß€\n', 'utf8');

    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 4), bytes.subarray(4)])).toEqual(['zß€']);
  });

  it('flushes a last line without newline at the end', () => {
    expect(split(['one\ntwo'])).toEqual(['one', 'two']);
  });

  it('keeps empty lines', () => {
    expect(split(['a\n\nb\n'])).toEqual(['a', '', 'b']);
  });
});
