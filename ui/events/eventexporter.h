// Writes the stream's rows (already filtered) to JSON Lines or CSV in chunks on the GUI thread's event loop,
// so the window stays responsive; reports progress and can be cancelled (the partial file is removed).
// Rows are followed by seq, so rows dropped by the cap during the export are skipped, not misread.
#pragma once

#include <QFile>
#include <QObject>
#include <QTimer>

namespace WedSync::Ui {

class EventStreamModel;

class EventExporter : public QObject
{
    Q_OBJECT
public:
    enum class Format { JsonLines, Csv };

    EventExporter(const EventStreamModel *model, QObject *parent = nullptr);

    bool start(const QString &path, Format format, QString *error);
    void cancel();
    bool isRunning() const { return m_timer.isActive(); }
    void setChunkSize(int rows) { m_chunk = rows; }

    static QByteArray csvHeader();
    static QByteArray csvLine(const QByteArray &rawJson);

Q_SIGNALS:
    void progress(qint64 written, qint64 total);
    // ok=false: cancelled or failed (error says which); the file is removed then.
    void finished(bool ok, qint64 written, const QString &error);

private:
    void step();
    void fail(const QString &error);

    const EventStreamModel *m_model; // not owned
    QFile m_file;
    Format m_format = Format::JsonLines;
    qint64 m_nextSeq = 0;
    qint64 m_lastSeq = 0;
    qint64 m_total = 0;
    qint64 m_written = 0;
    int m_chunk = 5000;
    QTimer m_timer;
};

} // namespace WedSync::Ui
