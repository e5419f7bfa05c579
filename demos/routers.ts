import '../src/ui/router-compare';
