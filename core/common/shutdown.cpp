#include "shutdown.h"

#include <QLoggingCategory>
#include <QPointer>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

static Q_LOGGING_CATEGORY(lcShutdown, "wedsync.shutdown", QtInfoMsg)

namespace WedSync {

#ifdef Q_OS_WIN
// Windows: Ctrl+C, Ctrl+Break and console close arrive on a system thread; hop to the notifier's thread.
static QPointer<ShutdownNotifier> s_instance;

static BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (!s_instance)
        return FALSE;
    const int sig = type == CTRL_C_EVENT ? 2 : 15;
    QMetaObject::invokeMethod(
        s_instance.data(),
        [sig] {
            if (s_instance)
                Q_EMIT s_instance->requested(sig);
        },
        Qt::QueuedConnection);
    return TRUE;
}

ShutdownNotifier::ShutdownNotifier(QObject *parent)
    : QObject(parent)
{
    s_instance = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

ShutdownNotifier::~ShutdownNotifier()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    s_instance = nullptr;
}

void ShutdownNotifier::onReadable() {}
#else

static int s_pipe[2] = {-1, -1};

static void onSignal(int sig)
{
    const unsigned char b = static_cast<unsigned char>(sig);
    // write() is async-signal-safe; the notifier picks the byte up on the event loop.
    [[maybe_unused]] const auto n = ::write(s_pipe[1], &b, 1);
}

ShutdownNotifier::ShutdownNotifier(QObject *parent)
    : QObject(parent)
{
    Q_ASSERT(s_pipe[0] == -1);
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_pipe) != 0) {
        qCWarning(lcShutdown)
            << "cannot create the signal pipe; SIGINT/SIGTERM will end the process abruptly";
        return;
    }
    ::fcntl(s_pipe[1], F_SETFL, ::fcntl(s_pipe[1], F_GETFL) | O_NONBLOCK);
    auto *notifier = new QSocketNotifier(s_pipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &ShutdownNotifier::onReadable);

    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
}

ShutdownNotifier::~ShutdownNotifier()
{
    struct sigaction sa = {};
    sa.sa_handler = SIG_DFL;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
    if (s_pipe[0] != -1) {
        ::close(s_pipe[0]);
        ::close(s_pipe[1]);
        s_pipe[0] = s_pipe[1] = -1;
    }
}

void ShutdownNotifier::onReadable()
{
    unsigned char b = 0;
    if (::read(s_pipe[0], &b, 1) != 1)
        return;
    m_lastSignal = b;
    qCInfo(lcShutdown) << "received signal" << int(b) << "- shutting down";
    Q_EMIT requested(b);
}

#endif

} // namespace WedSync
