import { histogramLiveBytes } from './process-usage';

describe('histogramLiveBytes', () => {
  it('reads the bytes of the Total line of a class histogram', () => {
    const histogram = [
      '4242:',
      ' num     #instances         #bytes  class name (module)',
      '-------------------------------------------------------',
      '   1:         20013        9731440  [B (java.base@17.0.13)',
      '   2:          5001         120024  java.lang.String (java.base@17.0.13)',
      'Total         25014        9851464',
      '',
    ].join('\n');

    expect(histogramLiveBytes(histogram)).toBe(9_851_464);
  });

  it('refuses output without a Total line, such as an attach error', () => {
    expect(() =>
      histogramLiveBytes(
        '4242:\ncom.sun.tools.attach.AttachNotSupportedException: no such process',
      ),
    ).toThrow(/no Total line/);
  });
});
