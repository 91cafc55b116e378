#include "threads.h"

#include <QByteArray>

#if defined(Q_OS_LINUX)
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(Q_OS_MACOS)
#include <pthread.h>
#include <sys/qos.h>
#elif defined(Q_OS_WIN)
#include <qt_windows.h>
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

bool lowerCurrentThreadPriority(int niceness)
{
    if (niceness <= 0)
        return true;
#if defined(Q_OS_LINUX)
    // On Linux the nice value belongs to the thread (its task id), not to the whole process.
    const auto tid = id_t(::syscall(SYS_gettid));
    const int current = ::getpriority(PRIO_PROCESS, tid);
    return ::setpriority(PRIO_PROCESS, tid, qMin(19, current + niceness)) == 0;
#elif defined(Q_OS_MACOS)
    return pthread_set_qos_class_self_np(QOS_CLASS_UTILITY, 0) == 0;
#elif defined(Q_OS_WIN)
    return SetThreadPriority(GetCurrentThread(), THREAD_PRIORITY_BELOW_NORMAL) != 0;
#else
    return false;
#endif
}

} // namespace WedSync
