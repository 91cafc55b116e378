#include "eventexporter.h"

#include "models/eventstreammodel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace WedSync::Ui {

EventExporter::EventExporter(const EventStreamModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &EventExporter::step);
}

static QByteArray csvField(const QString &value)
{
    QByteArray v = value.toUtf8();
    // Cells a spreadsheet would run as a formula are prefixed with a quote.
    if (!v.isEmpty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@'))
        v.prepend('\'');
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r')) {
        v.replace("\"", "\"\"");
        return '"' + v + '"';
    }
    return v;
}

QByteArray EventExporter::csvHeader()
{
    return "seq,received_at,source,event_type,wedding_id,event_id,correlation_id,data\r\n";
}

QByteArray EventExporter::csvLine(const QByteArray &rawJson)
{
    const QJsonObject e = QJsonDocument::fromJson(rawJson).object();
    auto text = [&e](const char *key) {
        const QJsonValue v = e.value(QLatin1String(key));
        return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
    };
    QByteArrayList cells;
    cells << csvField(text("seq"))
          << csvField(text("received_at").isEmpty() ? text("timestamp") : text("received_at"))
          << csvField(text("source")) << csvField(text("event_type")) << csvField(text("wedding_id"))
          << csvField(text("event_id")) << csvField(text("correlation_id"))
          << csvField(QString::fromUtf8(
                 QJsonDocument(e.value(QStringLiteral("data")).toObject()).toJson(QJsonDocument::Compact)));
    return cells.join(',') + "\r\n";
}

bool EventExporter::start(const QString &path, Format format, QString *error)
{
    if (isRunning()) {
        *error = tr("An export is already running.");
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Cannot write %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_format = format;
    m_nextSeq = m_model->oldestSeq();
    m_lastSeq = m_model->newestSeq();
    m_total = m_model->rowCount();
    m_written = 0;
    if (m_format == Format::Csv)
        m_file.write(csvHeader());
    m_timer.start();
    return true;
}

void EventExporter::cancel()
{
    if (!isRunning())
        return;
    fail(tr("Export cancelled."));
}

void EventExporter::fail(const QString &error)
{
    m_timer.stop();
    m_file.close();
    m_file.remove();
    Q_EMIT finished(false, m_written, error);
}

void EventExporter::step()
{
    int row = m_model->firstRowAtOrAfter(m_nextSeq);
    const int end = std::min(m_model->rowCount(), row + m_chunk);
    QByteArray buffer;
    for (; row < end; ++row) {
        const qint64 seq = m_model->data(m_model->index(row, 0), EventStreamModel::SeqRole).toLongLong();
        if (seq > m_lastSeq || m_total == 0)
            break;
        const QByteArray raw = m_model->rawJson(row);
        if (m_format == Format::JsonLines) {
            buffer += raw;
            buffer += '\n';
        } else {
            buffer += csvLine(raw);
        }
        ++m_written;
        m_nextSeq = seq + 1;
    }
    if (!buffer.isEmpty() && m_file.write(buffer) != buffer.size()) {
        fail(tr("Writing %1 failed: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    Q_EMIT progress(m_written, m_total);
    const bool done =
        row >= m_model->rowCount() || m_nextSeq > m_lastSeq || m_total == 0 ||
        m_model->data(m_model->index(row, 0), EventStreamModel::SeqRole).toLongLong() > m_lastSeq;
    if (done) {
        m_timer.stop();
        m_file.close();
        Q_EMIT finished(true, m_written, QString());
    }
}

} // namespace WedSync::Ui
