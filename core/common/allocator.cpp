#include "allocator.h"

#ifdef WEDSYNC_HAVE_MIMALLOC
#include <mimalloc.h>
#endif

namespace WedSync {

QString allocatorName()
{
#ifdef WEDSYNC_HAVE_MIMALLOC
    const int v = mi_version(); // e.g. 209 for 2.0.9
    return QStringLiteral("mimalloc %1.%2.%3").arg(v / 100).arg((v / 10) % 10).arg(v % 10);
#else
    return QStringLiteral("system malloc");
#endif
}

bool usesMimalloc()
{
#ifdef WEDSYNC_HAVE_MIMALLOC
    return true;
#else
    return false;
#endif
}

bool mimallocOwns(const void *p)
{
#ifdef WEDSYNC_HAVE_MIMALLOC
    return mi_is_in_heap_region(p);
#else
    Q_UNUSED(p);
    return false;
#endif
}

} // namespace WedSync
