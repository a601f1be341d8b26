import { AppError } from '../errors/app-error';
import { z } from 'zod';
import { etagOf, ifMatchHeaderSchema, matchesIfNoneMatch, versionFromIfMatch } from './etag';

const statusThrownBy = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.status : undefined;
  }
  return undefined;
};

describe('entity tags', () => {
  it('round-trips a version through ETag and If-Match', () => {
    expect(versionFromIfMatch(etagOf(12))).toBe(12);
    expect(versionFromIfMatch('W/"3"')).toBe(3);
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('*')).toBeUndefined();
  });

  it('refuses a malformed If-Match with a 400', () => {
    expect(statusThrownBy(() => versionFromIfMatch('12'))).toBe(400);
    expect(statusThrownBy(() => versionFromIfMatch('"1", "2"'))).toBe(400);
  });

  it('documents exactly the If-Match values it accepts', () => {
    // Arrange
    const { pattern } = z.toJSONSchema(ifMatchHeaderSchema, { io: 'input' }) as { pattern: string };
    const documented = new RegExp(pattern);
    const values = ['"3"', 'W/"3"', '*', '3', '"abc"', '"1", "2"', '"\u0663"', 'W/3', ''];

    // Act
    const accepted = values.filter(
      (v) => statusThrownBy(() => versionFromIfMatch(v)) === undefined,
    );

    // Assert
    expect(values.filter((v) => documented.test(v))).toEqual(['"3"', 'W/"3"', '*']);
    expect(accepted).toEqual(['"3"', 'W/"3"', '*']);
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(matchesIfNoneMatch('"1", W/"4"', 4)).toBe(true);
    expect(matchesIfNoneMatch('"1"', 4)).toBe(false);
    expect(matchesIfNoneMatch('*', 4)).toBe(true);
    expect(matchesIfNoneMatch(undefined, 4)).toBe(false);
  });
});
