#ifndef RENKEI_CSQLITE_SHIM_H
#define RENKEI_CSQLITE_SHIM_H
#include <sqlite3.h>

/// sqlite3_config is variadic, which Swift cannot call: this wrapper turns off SQLite's memory
/// statistics (a global mutex taken on every allocation). Call before the first connection opens.
static inline int renkei_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
