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
