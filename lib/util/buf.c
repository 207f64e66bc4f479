/*
 * buf.c: the growing output buffer (see buf.h).
 */

#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Growth */
static void virBufferReserve(virBuffer *buf, size_t more);

/* Room for @more bytes and a NUL. */
static void
virBufferReserve(virBuffer *buf, size_t more)
{
    size_t cap;
    char *data;

    if (buf->oom)
        return;
    if (more >= SIZE_MAX / 2 - buf->len) {
        buf->oom = true;
        return;
    }
    if (buf->len + more + 1 <= buf->cap)
        return;
    cap = buf->cap ? buf->cap : 1024;
    while (cap < buf->len + more + 1)
        cap *= 2;
    data = realloc(buf->data, cap);
    if (!data) {
        buf->oom = true;
        return;
    }
    buf->data = data;
    buf->cap = cap;
}

/* Appends @len bytes; the buffer stays NUL-terminated. */
void
virBufferAdd(virBuffer *buf, const void *data, size_t len)
{
    virBufferReserve(buf, len);
    if (buf->oom)
        return;
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void
virBufferAddStr(virBuffer *buf, const char *str)
{
    virBufferAdd(buf, str, strlen(str));
}

void
virBufferPrintf(virBuffer *buf, const char *fmt, ...)
{
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        buf->oom = true;
        return;
    }
    virBufferReserve(buf, (size_t)len);
    if (buf->oom)
        return;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)len + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)len;
}

/*
 * Appends @str escaped for XML: the five markup characters always, and in
 * attribute values the blanks that attribute normalization would turn
 * into spaces.  Other control characters cannot appear in XML 1.0 at all:
 * they mark the buffer bad (@what names the element) rather than being
 * dropped or written as an unparsable document.
 */
void
virBufferEscapeXML(virBuffer *buf, const char *str, bool attr, const char *what)
{
    const unsigned char *p;
    char one[2] = { 0, 0 };

    for (p = (const unsigned char *)str; *p; p++) {
        const char *rep = NULL;

        if (*p == '&')
            rep = "&amp;";
        else if (*p == '<')
            rep = "&lt;";
        else if (*p == '>')
            rep = "&gt;";
        else if (*p == '\'')
            rep = "&apos;";
        else if (*p == '"')
            rep = "&quot;";
        else if (*p == '\r')
            rep = "&#13;";
        else if (attr && *p == '\n')
            rep = "&#10;";
        else if (attr && *p == '\t')
            rep = "&#9;";
        else if (*p < 0x20 && *p != '\n' && *p != '\t' && !buf->bad)
            buf->bad = what;
        one[0] = (char)*p;
        virBufferAddStr(buf, rep ? rep : one);
    }
}

void
virBufferXMLElem(virBuffer *buf, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    virBufferPrintf(buf, "%*s<%s>", indent, "", name);
    virBufferEscapeXML(buf, text, false, name);
    virBufferPrintf(buf, "</%s>\n", name);
}

void
virBufferXMLAttr(virBuffer *buf, const char *name, const char *value)
{
    if (!value)
        return;
    virBufferPrintf(buf, " %s='", name);
    virBufferEscapeXML(buf, value, true, name);
    virBufferAddStr(buf, "'");
}
