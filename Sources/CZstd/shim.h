#ifndef DRIFTWATCH_CZSTD_SHIM_H
#define DRIFTWATCH_CZSTD_SHIM_H
#include <zstd.h>
#endif
