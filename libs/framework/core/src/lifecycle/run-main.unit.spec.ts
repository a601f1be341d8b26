import { ConfigError } from '../config/config-error';
import { createLogger } from '../logging/logger';
import { runMain } from './run-main';

describe('runMain', () => {
  let exit: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    exit.mockRestore();
    stderr.mockRestore();
  });

  it('leaves the process running when main starts the app', async () => {
    await runMain(() => Promise.resolve());

    expect(exit).not.toHaveBeenCalled();
  });

  it('prints a config error as the prettified message and exits 1', async () => {
    await runMain(() => Promise.reject(new ConfigError('✖ Required\n  → at SERVICE_NAME', [])));

    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('→ at SERVICE_NAME'));
    expect(stderr).not.toHaveBeenCalledWith(expect.stringContaining('at runMain'));
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('logs any other failure at fatal and exits 1', async () => {
    const logger = createLogger({ name: 'test', level: 'silent' });
    const fatal = jest.spyOn(logger, 'fatal');

    await runMain(() => Promise.reject(new Error('port in use')), logger);

    expect(fatal).toHaveBeenCalledWith({ err: expect.any(Error) as unknown }, 'start-up failed');
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('prints the stack when there is no logger yet', async () => {
    await runMain(() => Promise.reject(new Error('boom')));

    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Error: boom'));
    expect(exit).toHaveBeenCalledWith(1);
  });
});
