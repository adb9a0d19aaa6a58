#ifndef RENKEI_CSQLITE_SHIM_H
#define RENKEI_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
