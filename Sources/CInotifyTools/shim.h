#ifndef DRIFTWATCH_CINOTIFYTOOLS_SHIM_H
#define DRIFTWATCH_CINOTIFYTOOLS_SHIM_H
// inotify.h must come first: inotifytools.h uses its types without including it.
#include <inotifytools/inotify.h>
#include <inotifytools/inotifytools.h>
#endif
