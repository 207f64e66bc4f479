/*
 * cpulist.h: physical CPU lists ("0-3,6,^2") to and from libvirt cpumaps.
 *
 * A cpumap is the libvirt bit map: CPU n is bit (n % 8) of byte (n / 8).
 * Both functions are pure (no I/O, no global state) so that they can be
 * unit tested and fuzzed on their own.
 */

#ifndef VSH_CPULIST_H
#define VSH_CPULIST_H

#include <stddef.h>

/* Room for any message vshCpuListParse() writes, terminator included. */
#define VSH_CPULIST_ERRLEN 128

int vshCpuListParse(const char *str, unsigned int ncpus, unsigned char *cpumap,
                    size_t maplen, char *errbuf, size_t errlen);
char *vshCpuListFormat(const unsigned char *cpumap, size_t maplen,
                       unsigned int ncpus);

#endif /* VSH_CPULIST_H */
