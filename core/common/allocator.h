// Which heap allocator the process runs on, for the startup log and the health report.
#pragma once

#include <QString>

namespace WedSync {

// "mimalloc 2.0.9" when the build linked mimalloc (it then serves every malloc of the process), else
// "system malloc".
QString allocatorName();
// True when the build linked mimalloc.
bool usesMimalloc();
// With mimalloc: whether p (from malloc, operator new, Qt's containers...) lies in mimalloc's heap, i.e.
// whether the override took effect for whoever allocated it. Without mimalloc: false.
bool mimallocOwns(const void *p);

} // namespace WedSync
