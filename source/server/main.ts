// Placeholder entry point of the action server; the runtime issue replaces it.
console.log('oh-tui action server placeholder');
