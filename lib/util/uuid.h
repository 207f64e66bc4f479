/*
 * uuid.h: UUIDs in their text form, and hex digits.
 *
 * Free of the rest of libvir (no handles, no errors raised), so that the
 * agent's model, which sees libvir only through its public API, shares
 * this one copy through libviruuid.la.
 */

#ifndef VIR_UUID_H
#define VIR_UUID_H

#ifndef VIR_UUID_BUFLEN
#define VIR_UUID_BUFLEN        16
#endif
#ifndef VIR_UUID_STRING_BUFLEN
#define VIR_UUID_STRING_BUFLEN 37
#endif

/*
 * Built on the system's libvirt (configure --with-libvirt=system), the
 * agent links libvirt.so, which exports private helpers of the same
 * names (virUUIDFormat returns char * there): these get names of their
 * own, so that neither interposes the other.
 */
#ifdef WITH_SYSTEM_LIBVIRT
#define virHexValue     virtmibHexValue
#define virUUIDParse    virtmibUUIDParse
#define virUUIDFormat   virtmibUUIDFormat
#define virUUIDGenerate virtmibUUIDGenerate
#endif

int virHexValue(int c);
int virUUIDParse(const char *str, unsigned char *uuid);
void virUUIDFormat(const unsigned char *uuid, char *buf);
int virUUIDGenerate(unsigned char *uuid);

#endif /* VIR_UUID_H */
