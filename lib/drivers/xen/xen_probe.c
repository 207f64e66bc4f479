/*
 * xen_probe.c: whether this host runs under Xen.  The Xen driver's probe
 * (the URI it serves when a connection names none) and its open ask the
 * same question here, so a host the default picks is one open accepts.
 */

#include <config.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drivers/xen/xen_probe.h"

/**
 * xenProbe:
 *
 * The Xen driver's probe.  The host runs under Xen when the kernel has
 * the Xen interfaces (/proc/xen/capabilities, or /proc/xen/privcmd alone
 * where xenfs shows only that) or /sys/hypervisor/type says "xen".
 *
 * Returns "xen:///" (a static string) on such a host, else NULL.
 */
const char *
xenProbe(void)
{
    char buf[8] = "";
    FILE *fp;

    if (access("/proc/xen/capabilities", F_OK) == 0 ||
        access("/proc/xen/privcmd", F_OK) == 0)
        return "xen:///";
    if ((fp = fopen("/sys/hypervisor/type", "r"))) {
        if (!fgets(buf, sizeof(buf), fp))
            buf[0] = '\0';
        fclose(fp);
    }
    if (strncmp(buf, "xen", 3) != 0)
        return NULL;
    return "xen:///";
}
