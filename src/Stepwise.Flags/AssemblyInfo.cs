using System.Runtime.CompilerServices;

// Evaluation decodes ids into stack buffers on every call; zeroing them first would cost more than the hash.
[module: SkipLocalsInit]
