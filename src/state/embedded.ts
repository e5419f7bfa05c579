/** Imported first by the library build (src/lib.ts): the host page's address is not ours to read. */
import { embeddedInHostPage } from './page-url';

embeddedInHostPage();
