// Turns SIGINT/SIGTERM (or a console close event on Windows) into a clean QCoreApplication::quit()
// on the main thread, so executables flush the journal and close the database before exiting.
#pragma once

#include <QObject>

namespace WedSync {

class ShutdownNotifier : public QObject
{
    Q_OBJECT
public:
    // Installs the handlers; only one instance may exist. Emits requested() on the thread it lives on.
    explicit ShutdownNotifier(QObject *parent = nullptr);
    ~ShutdownNotifier() override;

    // The signal number that triggered the request (0 if none yet).
    int lastSignal() const { return m_lastSignal; }

Q_SIGNALS:
    void requested(int signalNumber);

private:
    void onReadable();
    int m_lastSignal = 0;
};

} // namespace WedSync
