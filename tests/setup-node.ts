import { env, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll } from 'vitest';

env().set('IS_TEST', true);
beforeAll(async () => {
  await setBackend('cpu');
});
