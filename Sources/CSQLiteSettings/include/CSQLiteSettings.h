// SQLite's process-wide settings, which Swift cannot pass itself (sqlite3_config is variadic).
#ifndef C_SQLITE_SETTINGS_H
#define C_SQLITE_SETTINGS_H

#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a process-wide mutex around every allocation SQLite makes.
/// Takes effect only before SQLite initializes (the first connection opened); returns SQLite's result code
/// (SQLITE_MISUSE when it is too late).
static inline int fc_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#endif
