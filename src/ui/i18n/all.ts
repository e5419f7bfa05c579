/** Every part of the message catalogue, registered: for tests and tools that read the whole of it. */
import './capacity-page';
import './common';
import './embed-page';
import './lesson-pages';
import './lessons';
import './memory';
import './picture';
import './problems';
import './routers';
import './scale';
import './shell';
import './simulator';
import './training';

export { CATALOGUE } from './catalogue';
