import { MongoServerError } from 'mongodb';
import { duplicateKeyIndex, isDuplicateKeyError } from './duplicate-key';

const serverError = (fields: { code: number; errmsg: string; keyPattern?: object }) =>
  new MongoServerError({ message: fields.errmsg, ...fields });

describe('isDuplicateKeyError', () => {
  it('recognises code 11000 and nothing else', () => {
    expect(isDuplicateKeyError(serverError({ code: 11000, errmsg: 'E11000' }))).toBe(true);
    expect(isDuplicateKeyError(serverError({ code: 2, errmsg: 'BadValue' }))).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000'))).toBe(false);
  });
});

describe('duplicateKeyIndex', () => {
  it('reads the index name from the server message', () => {
    const error = serverError({
      code: 11000,
      errmsg:
        'E11000 duplicate key error collection: db.people index: email_unique dup key: { email: "a" }',
    });

    expect(duplicateKeyIndex(error)).toBe('email_unique');
  });

  it('recognises the _id index from the key pattern when the message names none', () => {
    const error = serverError({ code: 11000, errmsg: 'duplicate', keyPattern: { _id: 1 } });

    expect(duplicateKeyIndex(error)).toBe('_id_');
  });

  it('says nothing when the server gives no clue', () => {
    expect(duplicateKeyIndex(serverError({ code: 11000, errmsg: 'duplicate' }))).toBeUndefined();
  });
});
