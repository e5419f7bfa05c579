// The query guard repairs a malformed link before tfjs-core (which reads the query string as it
// loads) is evaluated; a static import of the page would be evaluated first.
import '../src/state/query-guard';

void import('../src/ui/experiments/experiments-page');
