// The query guard runs first, and the app (with tfjs-core, which reads the query string as it loads)
// only after it: a static import would be evaluated before this module's own code.
import './state/query-guard';

void import('./ui/simulator/moe-app');
