// A raw HTTP/1.1 client for the ingress tests: writes exact bytes, reads Content-Length framed responses.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpSocket>

namespace WedSync::Test {

struct Reply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

// Reads responses off a raw socket (Content-Length framed, as the server always sends).
class Client
{
public:
    explicit Client(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        connected = socket.waitForConnected(5000);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    // Parses one response out of the buffer; false when incomplete.
    bool take(Reply *out)
    {
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Reply r;
        r.status = lines.first().split(' ').value(1).toInt();
        qsizetype length = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const int colon = line.indexOf(':');
            r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            if (line.left(colon).compare("content-length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return false;
        r.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        *out = r;
        return true;
    }
    // Waits (running the event loop) for the next response.
    bool next(Reply *out, int timeoutMs = 20000) // generous: CI machines run several suites at once
    {
        QElapsedTimer t;
        t.start();
        while (!take(out)) {
            if (t.elapsed() > timeoutMs)
                return false;
            if (socket.bytesAvailable() == 0 && socket.state() != QAbstractSocket::ConnectedState)
                return false;
            if (socket.bytesAvailable() == 0)
                socket.waitForReadyRead(50);
            QCoreApplication::processEvents();
            buffer += socket.readAll();
        }
        return true;
    }
    bool waitClosed(int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (socket.state() != QAbstractSocket::UnconnectedState && t.elapsed() < timeoutMs) {
            socket.waitForReadyRead(50);
            QCoreApplication::processEvents();
            buffer += socket.readAll();
        }
        return socket.state() == QAbstractSocket::UnconnectedState;
    }
    QTcpSocket socket;
    QByteArray buffer;
    bool connected = false;
};

} // namespace WedSync::Test
