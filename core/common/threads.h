// Names and priorities of the engine's own threads (journal writer, processor, webhook log...), so that
// `top -H`, gdb and crash reports say which is which, and background work can yield to ingress.
#pragma once

namespace WedSync {

// Names the calling thread as the OS shows it (at most 15 characters are kept on Linux). No-op where the
// platform has no such call.
void nameCurrentThread(const char *name);

// Lowers the calling thread's scheduling priority by `niceness` steps (1-19 on Linux; Windows and macOS
// map it to their "below normal" / lower QoS). Returns false when the OS refused; the thread then runs at
// normal priority, which is always safe.
bool lowerCurrentThreadPriority(int niceness);

} // namespace WedSync
