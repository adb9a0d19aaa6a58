#ifndef RENKEI_CZLIB_SHIM_H
#define RENKEI_CZLIB_SHIM_H
/// zlib (Debian: zlib1g-dev): raw DEFLATE inflation and CRC-32 for the ZIP entries of .xlsx
/// files. inflateInit2 is a macro; Swift calls inflateInit2_ with ZLIB_VERSION and the size of
/// z_stream itself.
#include <zlib.h>
#endif
