/*
 * drivers.c: the list of drivers, in the order they are asked to open a
 * URI.  The one file outside drivers/ that names a driver.
 */

#include <config.h>

#include <stddef.h>

#include "driver.h"

/* Each defined in its folder under drivers/. */
extern virDriver testDriver;
#ifdef WITH_XEN
extern virDriver xenDriver;
#endif

static virDriverPtr virDrivers[] = {
    &testDriver,
#ifdef WITH_XEN
    &xenDriver,
#endif
};

/* What virGetVersion() reports on when given no type: the classic API
 * answers for Xen, whether or not this build has the Xen driver. */
const char virDriverDefaultType[] = "Xen";

/**
 * virDriverNth:
 * @i: the position in the list, from 0
 *
 * Returns the @i-th driver (borrowed, static), or NULL past the end.
 */
virDriverPtr
virDriverNth(size_t i)
{
    if (i >= sizeof(virDrivers) / sizeof(*virDrivers))
        return NULL;
    return virDrivers[i];
}

/**
 * virDriverProbeAll:
 *
 * Asks each driver in turn whether it serves a connection opened with a
 * NULL URI on this host.  Returns the URI of the first that does (Xen
 * where Xen runs; static), or NULL when none does.
 */
const char *
virDriverProbeAll(void)
{
    const char *uri;
    size_t i;

    for (i = 0; i < sizeof(virDrivers) / sizeof(*virDrivers); i++) {
        if (virDrivers[i]->probe && (uri = virDrivers[i]->probe()))
            return uri;
    }
    return NULL;
}
