#ifndef DRIFTWATCH_CSNAPPY_SHIM_H
#define DRIFTWATCH_CSNAPPY_SHIM_H
#include <snappy-c.h>
#endif
