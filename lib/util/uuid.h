/*
 * uuid.h: UUIDs in their text form, and hex digits.
 *
 * Free of the rest of libvir (no handles, no errors raised), so that the
 * agent's model, which sees libvir only through its public API, shares
 * this one copy through libviruuid.la.
 */

#ifndef VIR_UUID_H
#define VIR_UUID_H

#define VIR_UUID_BUFLEN        16
#define VIR_UUID_STRING_BUFLEN 37

int virHexValue(int c);
int virUUIDParse(const char *str, unsigned char *uuid);
void virUUIDFormat(const unsigned char *uuid, char *buf);
int virUUIDGenerate(unsigned char *uuid);

#endif /* VIR_UUID_H */
