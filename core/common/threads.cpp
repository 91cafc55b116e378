#include "threads.h"

#include <QByteArray>

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <pthread.h>
#endif

namespace WedSync {

void nameCurrentThread(const char *name)
{
#if defined(Q_OS_LINUX)
    char shortName[16] = {};
    qstrncpy(shortName, name, sizeof shortName);
    pthread_setname_np(pthread_self(), shortName);
#elif defined(Q_OS_MACOS)
    pthread_setname_np(name);
#else
    Q_UNUSED(name);
#endif
}

} // namespace WedSync
