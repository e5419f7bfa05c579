/** Setup file of the end-to-end tests: the pages a test opened with openPage are closed after it. */
import { afterEach } from 'vitest';
import { closeOpenedPages } from './browser';

afterEach(async () => {
  await closeOpenedPages();
});
