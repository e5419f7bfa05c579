import '../src/ui/memory-page';
