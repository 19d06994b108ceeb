using System.Runtime.CompilerServices;

// Hot paths keep per-walk state on the stack and write every slot before reading it; skipping
// the JIT's zero-initialisation of locals saves a memset per walk. Code that needs zeroed
// locals asks for them explicitly with 'default'.
[module: SkipLocalsInit]
