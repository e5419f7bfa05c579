import '../src/ui/scale-page';
