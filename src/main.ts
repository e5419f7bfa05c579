import './ui/moe-app';
