import '../src/ui/balance-compare';
