import '../src/ui/training-page';
