// Creates and upgrades the schema from versioned SQL migrations shipped as resources
// (resources/migrations/NNNN_name.sql). One file serves SQLite and PostgreSQL: a few ${...} tokens
// expand to each dialect's spelling. A database newer than the binary is refused, never modified.
#pragma once

#include "common/error.h"

#include <QSqlDatabase>
#include <QString>

namespace WedSync::Store {

struct Migration
{
    int version = 0;
    QString name;
    QString sql; // unexpanded
};

class Migrator
{
public:
    // directory: a resource or file-system folder holding NNNN_name.sql files.
    explicit Migrator(QString directory = QStringLiteral(":/migrations"));

    QList<Migration> available(Error *error = nullptr) const;
    int latestVersion() const;

    // The version recorded in the database (0 for an empty one); -1 with *error on failure.
    static int currentVersion(QSqlDatabase db, Error *error = nullptr);

    // Applies every pending migration in one transaction. Refuses (STORE_SCHEMA_TOO_NEW) a database whose
    // version is newer than latestVersion(). Returns the number applied, or -1 with *error.
    int migrate(QSqlDatabase db, Error *error = nullptr) const;

    // Expands ${...} tokens for the connection's dialect. Public for tests.
    static QString expand(const QString &sql, bool postgres);
    // Splits a script into statements at semicolons that end a line.
    static QStringList splitStatements(const QString &sql);

private:
    QString m_directory;
};

} // namespace WedSync::Store
