/**
 * The whole message catalogue, both languages: for tests and tools that read all of it. Pages never
 * import this file; each component imports the parts it shows (./simulator, ./training, …), so a
 * page's bundle holds only those.
 */
import capacityPage from './capacity-page';
import checkpoint from './checkpoint';
import common from './common';
import embedPage from './embed-page';
import experiments from './experiments';
import flow from './flow-picture';
import flops from './flop-counters';
import layers from './layers-view';
import lessonPages from './lesson-pages';
import lessons from './lessons';
import memory from './memory';
import picture from './picture';
import problems from './problems';
import routers from './routers';
import scale from './scale';
import scaleGallery from './scale-gallery';
import shell from './shell';
import sim from './simulator';
import train from './training';
import weights from './weights';

const PARTS = {
  capacityPage,
  checkpoint,
  common,
  embedPage,
  experiments,
  flow,
  flops,
  layers,
  lessonPages,
  lessons,
  memory,
  picture,
  problems,
  routers,
  scale,
  scaleGallery,
  shell,
  sim,
  train,
  weights,
};

type Parts = typeof PARTS;
export type Messages = { [K in keyof Parts]: Parts[K]['en'] };

function half(lang: 'en' | 'zh'): Messages {
  return Object.fromEntries(Object.entries(PARTS).map(([name, part]) => [name, part[lang]])) as Messages;
}

/** Every part, per language. */
export const CATALOGUE: { en: Messages; zh: Messages } = { en: half('en'), zh: half('zh') };
