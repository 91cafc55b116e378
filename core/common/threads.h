// Names of the engine's own threads (journal writer, processor, webhook log...), so that `top -H`, gdb and
// crash reports say which is which.
#pragma once

namespace WedSync {

// Names the calling thread as the OS shows it (at most 15 characters are kept on Linux). No-op where the
// platform has no such call.
void nameCurrentThread(const char *name);

} // namespace WedSync
